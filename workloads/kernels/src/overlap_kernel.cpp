// Communication/computation overlap of nonblocking collectives, OSU's method (osu_iallreduce,
// osu_ialltoall): (1) time the collective alone, post + MPI_Wait ("pure comm"); (2) post it,
// compute for as long as the pure communication took, then MPI_Wait ("overall"), timing the
// compute part as well. No MPI_Test during the compute (test-free overlap: what the library and
// network progress on their own). overlap % = max(0, 100 - 100 * (overall - compute) / pure),
// computed from the averages over ranks. The compute target is the slowest rank's pure time, so
// every rank computes equally long.
#include <algorithm>

#include "collective_ops.hpp"
#include "kernel_catalog.hpp"
#include "hpcpat/kernels/budget_loop.hpp"
#include "hpcpat/kernels/clock.hpp"

namespace hpcpat::kernels {
namespace {

// A fixed floating-point loop run in slices until `seconds` have passed: the "known compute
// load". The slice is short (~100 ns) so the target is met closely.
double busy_compute(double seconds) {
  static volatile double sink = 0;
  double acc = sink;
  const double t0 = now_s();
  while (now_s() - t0 < seconds) {
    for (int k = 0; k < 64; ++k) acc = acc * 1.0000001 + 0.5;
  }
  sink = acc;
  return now_s() - t0;
}

}  // namespace

void run_overlap(KernelContext &ctx, const KernelInfo &info, const Emit &emit) {
  const auto &sweep = ctx.options.sweep;
  CollectiveBuffers bufs(collective_buffer_bytes(sweep.max_size, ctx.ranks));
  const bool check = ctx.validating();
  const bool reduce = info.name == "iallreduce";
  const std::size_t first = std::max(sweep.min_size, info.min_element);

  for (const std::size_t size : sweep_sizes(first, sweep.max_size)) {
    const IterationPlan plan = ctx.plan(size);
    // The blocking twin supplies buffers, fill and check; the nonblocking call is made here.
    CollectiveOp twin = make_collective_op(reduce ? "allreduce" : "alltoall", ctx, bufs, size);
    const int count = static_cast<int>(reduce ? size / sizeof(float) : size);
    auto post = [&](MPI_Request *req) {
      if (reduce) {
        MPI_Iallreduce(bufs.send.data(), bufs.recv.data(), count, MPI_FLOAT, MPI_SUM, ctx.comm,
                       req);
      } else {
        MPI_Ialltoall(bufs.send.data(), count, MPI_BYTE, bufs.recv.data(), count, MPI_BYTE,
                      ctx.comm, req);
      }
    };
    std::uint64_t it = 0;
    double compute_s = 0, target_s = 0;
    // One iteration; with compute, the compute slice is added to compute_s.
    auto round = [&](bool with_compute) -> double {
      if (check) twin.fill(it);
      MPI_Request req = MPI_REQUEST_NULL;
      const double t0 = now_s();
      post(&req);
      if (with_compute) compute_s += busy_compute(target_s);
      MPI_Wait(&req, MPI_STATUS_IGNORE);
      const double t1 = now_s();
      if (check) twin.check(it);
      MPI_Barrier(ctx.comm);
      ++it;
      return (t1 - t0) * 1e6;
    };

    // (1) Pure communication, with the budget.
    MPI_Barrier(ctx.comm);
    const double started = now_s();
    for (std::uint64_t i = 0; i < plan.warmup; ++i) round(false);
    BudgetLoop loop(ctx, plan.iterations, started, plan.warmup);
    double pure_us = 0;
    while (const std::uint64_t n = loop.next_chunk()) {
      for (std::uint64_t i = 0; i < n; ++i) pure_us += round(false);
    }
    const std::uint64_t iters = loop.done();
    pure_us /= static_cast<double>(std::max<std::uint64_t>(iters, 1));
    double slowest_us = 0;
    MPI_Allreduce(&pure_us, &slowest_us, 1, MPI_DOUBLE, MPI_MAX, ctx.comm);
    target_s = slowest_us * 1e-6;

    // (2) Overlapped with compute, as many iterations as (1) ran.
    for (std::uint64_t i = 0; i < plan.warmup; ++i) round(true);
    compute_s = 0;
    SizeMeasurement m = SizeMeasurement::start(size, plan, true);
    m.iterations = iters;
    m.budget_hit = loop.budget_hit();
    for (std::uint64_t i = 0; i < iters; ++i) m.samples_us.push_back(round(true));
    const double overall_us = m.mean_us();
    const double compute_us =
        compute_s * 1e6 / static_cast<double>(std::max<std::uint64_t>(iters, 1));
    m.overlap = Overlap{overall_us, compute_us, pure_us, 0.0};

    const std::uint64_t rounds = 2 * (plan.warmup + iters);
    ctx.ledger.add(reduce ? Routine::iallreduce : Routine::ialltoall, rounds, twin.ledger_bytes);
    ctx.ledger.add(Routine::wait, rounds, 0);
    ctx.ledger.add(Routine::barrier, rounds + 1, 0);
    ctx.ledger.add(Routine::allreduce, 1, sizeof(double));
    emit(m);
  }
}

}  // namespace hpcpat::kernels
