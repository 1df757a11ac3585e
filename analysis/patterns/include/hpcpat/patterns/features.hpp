// The features a communication pattern is recognised by, computed from one profile (the profile
// model of analysis/profile; the call shares through analysis/report's summary_facts, so that a
// summary and a pattern never disagree on a number). Every feature is defined in docs/patterns.md,
// "Features"; the rules that turn them into labels are in rules.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "hpcpat/mpi_category.hpp"
#include "hpcpat/profile/profile.hpp"

namespace hpcpat::patterns {

struct CallShare {
  std::string name;  // "MPI_Allreduce"
  double share = 0;  // of the MPI time summed over ranks, 0..1
};

// The point-to-point communication matrix (sends between world ranks) as a shape.
struct MatrixShape {
  std::uint64_t messages = 0, bytes = 0;  // off the diagonal (a rank's sends to itself left out)
  double partners_mean = 0;               // distinct destinations per rank, over all ranks
  int partners_max = 0;
  double density = 0;        // pairs that carry traffic / (P·(P−1)); 0 for one rank
  double mean_distance = 0;  // |src − dst| weighted by bytes (by messages when no bytes)
  // The share of the traffic on pairs farther apart than P/2: the wrap-around of a ring or a
  // torus (its slowest dimension), which a non-periodic grid never has.
  double wrap_share = 0;
  // A ring or a torus: some pairs wrap around (farther than P/2 apart), each within the reach of
  // the pairs that do not (its cyclic distance min(d, P − d) at most their largest distance),
  // and that reach is below P/2 (a dense pattern reaches everything and has no period).
  bool periodic = false;
  // The two-way part: sum over ordered pairs of min(a→b, b→a) / all traffic. 1 when every
  // exchange is returned in kind (a halo, a ping-pong), near 0 for a one-way stream.
  double reciprocity = 0;
  bool truncated = false;  // the interposer's pair table overflowed (the shape is a lower bound)
};

struct Features {
  int ranks = 0;
  int nodes = 1;
  double mpi_fraction_median = 0;
  double mpi_fraction_spread = 0;  // max − min over ranks
  std::array<double, kNumMpiCategories> category_share{};  // of MPI time, by MpiCategory
  // The shares below are of the communication time: MPI time less `other` (setup, bookkeeping).
  // Point-to-point and the waits that complete it: what a p2p-bound run spends its MPI time in.
  double p2p_share = 0;
  double allreduce_share = 0;  // MPI_Allreduce, MPI_Iallreduce, MPI_Allreduce_init
  double alltoall_share = 0;   // MPI_Alltoall/v/w and their nonblocking and persistent forms
  double barrier_share = 0;    // MPI_Barrier, MPI_Ibarrier, MPI_Barrier_init
  // The same families' share of the run: family share × communication time / app time (the
  // median rank's MPI fraction less setup). Tiny when the run hardly communicates at all.
  double allreduce_run_share = 0, alltoall_run_share = 0;
  std::vector<CallShare> dominant_calls;  // the top calls by time (at most kDominantCalls)
  // Point-to-point message sizes from the calls' log2 size bins: the mean (bytes / messages) and
  // the median (the mean size of the bin holding the middle message); 0 when none.
  double p2p_mean_bytes = 0, p2p_median_bytes = 0;
  double message_rate = 0;  // messages sent per rank per second of (mean) app time
  double imbalance = 1;     // max / mean of the per-rank MPI time (the profile's summary figure)
  double mpi_time_cov = 0;  // coefficient of variation of the per-rank MPI time
  MatrixShape matrix;

  double share(MpiCategory c) const { return category_share[static_cast<std::size_t>(c)]; }
};

inline constexpr std::size_t kDominantCalls = 3;

Features compute_features(const profile::Profile &p);

// The matrix shape of `matrix` over `ranks` world ranks (compute_features calls it).
MatrixShape matrix_shape(const profile::CommMatrix &matrix, int ranks);

}  // namespace hpcpat::patterns
