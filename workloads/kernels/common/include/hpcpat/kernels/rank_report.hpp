// The last communication of a run: every rank's placement, wall time, validation outcome and call
// ledger, exchanged with one MPI_Allgather of a fixed-size record so that every rank knows the
// exit status and rank 0 can write the JSON. The ledger already counts that Allgather.
#pragma once

#include <cstdint>
#include <vector>

#include "hpcpat/kernels/kernel_context.hpp"
#include "hpcpat/kernels/placement.hpp"

namespace hpcpat::kernels {

struct RankReport {
  char host[128];
  char cpuset[128];
  std::int32_t last_cpu;
  std::int32_t bound;
  double wall_s;
  std::uint64_t bytes_checked;
  std::uint64_t mismatches;
  Mismatch first;
  std::uint64_t calls[kNumRoutines];
  std::uint64_t bytes[kNumRoutines];
};

// Collective over ctx.comm; returns every rank's record, indexed by rank.
std::vector<RankReport> exchange_rank_reports(KernelContext &ctx, const Placement &placement,
                                              double wall_s);

}  // namespace hpcpat::kernels
