// Runs the planned timed iterations and stops early, on every rank at once, when the time spent
// on this size exceeds --budget. Rank 0 decides from its own clock and broadcasts the length of
// the next chunk of iterations (0: stop) between chunks, outside any timed region. The first
// chunk is one iteration; later chunks are sized from the time per iteration seen so far to fill
// half of the remaining budget, so the overshoot stays small and the broadcasts few (about
// log2 of the iterations run). Without a budget the whole plan is one chunk and no MPI call is
// made. At least one timed iteration always runs, so every size has a figure.
#pragma once

#include <cstdint>

#include "hpcpat/kernels/kernel_context.hpp"

namespace hpcpat::kernels {

class BudgetLoop {
 public:
  // started_s: when work on this size began (warm-up included), from now_s(); warmup: how many
  // untimed iterations ran since then (they count in the time-per-iteration estimate).
  BudgetLoop(KernelContext &ctx, std::uint64_t planned, double started_s, std::uint64_t warmup = 0);

  // Iterations to run next; 0 when done. Call until it returns 0.
  std::uint64_t next_chunk();

  std::uint64_t done() const { return done_; }
  bool budget_hit() const { return budget_hit_; }

 private:
  std::uint64_t decide() const;  // rank 0: the next chunk length

  KernelContext &ctx_;
  std::uint64_t planned_;
  std::uint64_t warmup_;
  std::uint64_t done_ = 0;
  std::uint64_t handed_ = 0;
  double started_s_;
  bool budget_hit_ = false;
};

}  // namespace hpcpat::kernels
