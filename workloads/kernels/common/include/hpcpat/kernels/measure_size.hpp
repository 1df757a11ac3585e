// The OSU measurement of one message size, shared by every kernel: a barrier, the untimed warm-up
// rounds, then the timed rounds in budget-checked chunks (BudgetLoop). `round(clock)` runs one
// iteration, calling clock.start() and clock.stop_us() around what it times.
//
// Per-iteration timing (OMB 7) keeps each round's time, for the mean and the percentiles. Loop
// timing (OMB <= 6, IMB) must not read the clock inside the loop, whose cost (~20-30 ns) is ~5% of
// a shared-memory one-way latency: the rounds' clocks do nothing and each chunk of rounds is timed
// as a whole. `parts` divides what a round times into the figure (2: a round trip's one-way time).
#pragma once

#include <mpi.h>

#include <cstddef>
#include <cstdint>

#include "hpcpat/kernels/budget_loop.hpp"
#include "hpcpat/kernels/clock.hpp"
#include "hpcpat/kernels/kernel_context.hpp"
#include "hpcpat/kernels/measurement.hpp"

namespace hpcpat::kernels {

class RoundClock {
 public:
  explicit RoundClock(bool per_iteration) : per_iteration_(per_iteration) {}
  void start() {
    if (per_iteration_) start_s_ = now_s();
  }
  // µs since start(); 0 in loop timing.
  double stop_us() const { return per_iteration_ ? (now_s() - start_s_) * 1e6 : 0.0; }

 private:
  bool per_iteration_;
  double start_s_ = 0;
};

template <class Round>
SizeMeasurement measure_size(KernelContext &ctx, MPI_Comm comm, std::size_t size,
                             const IterationPlan &plan, Round &&round, double parts = 1.0) {
  const bool per_iteration = ctx.per_iteration_timing();
  RoundClock clock(per_iteration);
  MPI_Barrier(comm);
  const double started = now_s();
  for (std::uint64_t i = 0; i < plan.warmup; ++i) round(clock);
  SizeMeasurement m = SizeMeasurement::start(size, plan, per_iteration);
  BudgetLoop loop(ctx, plan.iterations, started, plan.warmup);
  double loop_s = 0;
  while (const std::uint64_t n = loop.next_chunk()) {
    if (per_iteration) {
      for (std::uint64_t i = 0; i < n; ++i) m.samples_us.push_back(round(clock) / parts);
    } else {
      const double chunk_start = now_s();
      for (std::uint64_t i = 0; i < n; ++i) round(clock);
      loop_s += now_s() - chunk_start;
    }
  }
  m.iterations = loop.done();
  m.budget_hit = loop.budget_hit();
  if (!per_iteration) m.loop_mean_us = loop_s * 1e6 / parts / static_cast<double>(m.iterations);
  return m;
}

}  // namespace hpcpat::kernels
