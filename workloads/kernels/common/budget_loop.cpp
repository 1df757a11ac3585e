#include "hpcpat/kernels/budget_loop.hpp"

#include <algorithm>
#include <cmath>

#include "hpcpat/kernels/clock.hpp"

namespace hpcpat::kernels {

BudgetLoop::BudgetLoop(KernelContext &ctx, std::uint64_t planned, double started_s,
                       std::uint64_t warmup)
    : ctx_(ctx), planned_(planned), warmup_(warmup), started_s_(started_s) {}

std::uint64_t BudgetLoop::decide() const {
  const std::uint64_t left = planned_ - done_;
  if (done_ == 0) return 1;
  const double elapsed = now_s() - started_s_;
  const double budget = ctx_.options.budget_s;
  if (elapsed >= budget) return 0;
  const double per_iteration = elapsed / static_cast<double>(warmup_ + done_);
  const double fit = 0.5 * (budget - elapsed) / std::max(per_iteration, 1e-9);
  return std::clamp<std::uint64_t>(static_cast<std::uint64_t>(std::floor(fit)), 1, left);
}

std::uint64_t BudgetLoop::next_chunk() {
  done_ = handed_;
  if (done_ >= planned_) return 0;
  std::uint64_t n = planned_ - done_;
  if (ctx_.options.budget_s > 0) {
    std::uint64_t chunk = ctx_.rank == 0 ? decide() : 0;
    MPI_Bcast(&chunk, 1, MPI_UINT64_T, 0, ctx_.comm);
    ctx_.ledger.add(Routine::bcast, 1, sizeof(chunk));
    if (chunk == 0) {
      budget_hit_ = true;
      return 0;
    }
    n = chunk;
  }
  handed_ += n;
  return n;
}

}  // namespace hpcpat::kernels
