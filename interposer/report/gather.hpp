// Brings every rank's record to rank 0 inside MPI_Finalize, with PMPI collectives on the report's
// private communicator (never the application's). Everything gathered has a fixed size per rank,
// so rank 0 holds O(ranks x (calls + regions)) bytes plus the capped matrix; the size histograms
// are summed with PMPI_Reduce rather than gathered.
#pragma once

#include <mpi.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "rank_wire_record.hpp"

namespace hpcpat::pmpi::report {

struct GatheredRun {
  std::vector<RankWireRecord> ranks;  // index = world rank (rank 0 only)
  // Histograms summed over ranks, index [call * kSizeBins + bin] (rank 0 only).
  std::vector<std::uint64_t> bin_count, bin_bytes;
  std::vector<double> bin_time;
  // Matrix rows [src, dst, messages, bytes], at most `cap` of them, heaviest per rank first.
  std::vector<std::array<std::uint64_t, 4>> matrix;
  std::uint64_t dropped_messages = 0;  // over all ranks: table overflow + cut by the cap
  std::uint64_t dropped_bytes = 0;
};

// Collective over `comm`; every rank must call it. `snap.peers` is reordered (heaviest first).
// Returns an empty string on success, else what failed (the caller reports it once). Never
// throws; when one rank cannot allocate, all ranks learn it first and skip together (no hang).
std::string gather_run(MPI_Comm comm, std::uint32_t cap, RankSnapshot &snap, const RankWireRecord &rec,
                       double seconds_per_tick, GatheredRun &out) noexcept;

}  // namespace hpcpat::pmpi::report
