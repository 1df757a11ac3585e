// A profile's pattern features (features.hpp; defined in docs/patterns.md, "Features").
#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "hpcpat/patterns/features.hpp"
#include "hpcpat/report/summary_facts.hpp"

namespace hpcpat::patterns {
namespace {

// The call families some labels weigh. Nonblocking forms are included: their time shows in the
// Wait that completes them (category wait_sync), and in their own call when they block at once.
constexpr std::array<std::string_view, 3> kAllreduceCalls = {"MPI_Allreduce", "MPI_Iallreduce",
                                                             "MPI_Allreduce_init"};
constexpr std::array<std::string_view, 9> kAlltoallCalls = {
    "MPI_Alltoall",      "MPI_Alltoallv",      "MPI_Alltoallw",
    "MPI_Ialltoall",     "MPI_Ialltoallv",     "MPI_Ialltoallw",
    "MPI_Alltoall_init", "MPI_Alltoallv_init", "MPI_Alltoallw_init"};
constexpr std::array<std::string_view, 3> kBarrierCalls = {"MPI_Barrier", "MPI_Ibarrier",
                                                           "MPI_Barrier_init"};

template <std::size_t N>
bool in(const std::array<std::string_view, N> &family, std::string_view name) {
  return std::find(family.begin(), family.end(), name) != family.end();
}

// Mean and median message size over the point-to-point calls' merged log2 bins. The median is
// the mean size inside the bin that holds the middle message: exact when that bin holds one size
// (a kernel's sweep step, a halo face), within a factor of two otherwise. Left out: calls that book
// no bytes themselves (MPI_Irecv: its bytes are booked by the Wait that completes it) and the
// zero-byte bin, where sends to MPI_PROC_NULL at a non-periodic boundary land beside real empty
// messages and cannot be told apart from them.
void message_sizes(const profile::Profile &p, Features &f) {
  std::array<std::uint64_t, 64> count{}, bytes{};
  std::uint64_t total_count = 0, total_bytes = 0;
  for (const profile::CallAggregate &c : p.calls) {
    if (c.category != MpiCategory::point_to_point || c.bytes == 0) continue;
    for (const profile::SizeBin &b : c.histogram) {
      if (b.bin <= 0 || b.bin >= int(count.size()) || b.count == 0) continue;
      count[std::size_t(b.bin)] += b.count;
      bytes[std::size_t(b.bin)] += b.bytes;
      total_count += b.count;
      total_bytes += b.bytes;
    }
  }
  if (total_count == 0) return;
  f.p2p_mean_bytes = double(total_bytes) / double(total_count);
  std::uint64_t seen = 0;
  for (std::size_t b = 0; b < count.size(); ++b) {
    seen += count[b];
    if (2 * seen >= total_count && count[b] > 0) {
      f.p2p_median_bytes = double(bytes[b]) / double(count[b]);
      break;
    }
  }
}

double coefficient_of_variation(const profile::Profile &p) {
  double sum = 0;
  for (const profile::RankEntry &r : p.ranks) sum += r.mpi_time_s;
  const double mean = sum / double(p.ranks.size());
  if (mean <= 0) return 0;
  double sq = 0;
  for (const profile::RankEntry &r : p.ranks) sq += (r.mpi_time_s - mean) * (r.mpi_time_s - mean);
  return std::sqrt(sq / double(p.ranks.size())) / mean;
}

}  // namespace

Features compute_features(const profile::Profile &p) {
  Features f;
  f.ranks = p.run.ranks;
  f.nodes = p.run.nodes.value_or(1);
  f.mpi_fraction_median = p.summary.mpi_fraction.median;
  f.mpi_fraction_spread = p.summary.mpi_fraction.max - p.summary.mpi_fraction.min;
  for (MpiCategory c : kMpiCategories) {
    f.category_share[static_cast<std::size_t>(c)] = p.summary.share(c);
  }
  // The family shares are of the communication time: MPI time less setup (`other`: Init,
  // communicator creation), which in a short run can outweigh the pattern itself.
  const double comm = 1.0 - f.share(MpiCategory::other);
  const double to_comm = comm > 0 ? 1.0 / comm : 0.0;
  f.p2p_share = (f.share(MpiCategory::point_to_point) + f.share(MpiCategory::wait_sync)) * to_comm;

  const report::SummaryFacts facts = report::summary_facts(p, 0);  // every call, by time
  for (const report::CallFigures &c : facts.top_calls) {
    const double share = c.percent_mpi / 100.0;
    if (in(kAllreduceCalls, c.call->name)) f.allreduce_share += share * to_comm;
    if (in(kAlltoallCalls, c.call->name)) f.alltoall_share += share * to_comm;
    if (in(kBarrierCalls, c.call->name)) f.barrier_share += share * to_comm;
    if (f.dominant_calls.size() < kDominantCalls && share > 0) {
      f.dominant_calls.push_back({c.call->name, share});
    }
  }
  const double comm_fraction = f.mpi_fraction_median * comm;
  f.allreduce_run_share = f.allreduce_share * comm_fraction;
  f.alltoall_run_share = f.alltoall_share * comm_fraction;
  message_sizes(p, f);
  f.imbalance = p.summary.imbalance;
  f.mpi_time_cov = coefficient_of_variation(p);
  f.matrix = matrix_shape(p.comm_matrix, f.ranks);
  if (p.summary.app_time_s > 0 && f.ranks > 0) {
    f.message_rate = double(f.matrix.messages) / double(f.ranks) / p.summary.app_time_s;
  }
  return f;
}

}  // namespace hpcpat::patterns
