// Blocking collectives with OSU's loop (osu_allreduce and friends): per iteration the collective
// alone is timed, and an MPI_Barrier outside the timed region separates iterations so that one
// iteration's stragglers do not start the next one early. osu_barrier times MPI_Barrier itself,
// back to back.
#include <algorithm>

#include "collective_ops.hpp"
#include "kernel_catalog.hpp"
#include "hpcpat/kernels/measure_size.hpp"

namespace hpcpat::kernels {

void run_collective(KernelContext &ctx, const KernelInfo &info, const Emit &emit) {
  const auto &sweep = ctx.options.sweep;
  CollectiveBuffers bufs(collective_buffer_bytes(sweep.max_size, ctx.ranks));
  const bool check = ctx.validating();
  const std::size_t first = std::max(sweep.min_size, info.min_element);

  for (const std::size_t size : sweep_sizes(first, sweep.max_size)) {
    const IterationPlan plan = ctx.plan(size);
    CollectiveOp op = make_collective_op(info.name, ctx, bufs, size);
    std::uint64_t it = 0;
    auto round = [&](RoundClock &clock) -> double {
      if (check) op.fill(it);
      clock.start();
      op.call();
      const double t = clock.stop_us();
      if (check) op.check(it);
      MPI_Barrier(ctx.comm);
      ++it;
      return t;
    };

    SizeMeasurement m = measure_size(ctx, ctx.comm, size, plan, round);
    const std::uint64_t rounds = plan.warmup + m.iterations;
    ctx.ledger.add(op.routine, rounds, op.ledger_bytes);
    ctx.ledger.add(Routine::barrier, rounds + 1, 0);
    emit(m);
  }
}

void run_barrier(KernelContext &ctx, const KernelInfo &, const Emit &emit) {
  const IterationPlan plan = ctx.options.sweep.small;
  auto round = [&](RoundClock &clock) -> double {
    clock.start();
    MPI_Barrier(ctx.comm);
    return clock.stop_us();
  };
  SizeMeasurement m = measure_size(ctx, ctx.comm, 0, plan, round);
  ctx.ledger.add(Routine::barrier, 1 + plan.warmup + m.iterations, 0);
  emit(m);
}

}  // namespace hpcpat::kernels
