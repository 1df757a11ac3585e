// The OSU measurement of one message size, shared by every kernel: a barrier, the untimed warm-up
// rounds, then the timed rounds in budget-checked chunks (BudgetLoop). `round()` runs one
// iteration and returns the time this rank reports for it, in µs.
#pragma once

#include <mpi.h>

#include <cstddef>
#include <cstdint>

#include "budget_loop.hpp"
#include "clock.hpp"
#include "kernel_context.hpp"
#include "measurement.hpp"

namespace hpcpat::kernels {

template <class Round>
SizeMeasurement measure_size(KernelContext &ctx, MPI_Comm comm, std::size_t size,
                             const IterationPlan &plan, Round &&round) {
  MPI_Barrier(comm);
  const double started = now_s();
  for (std::uint64_t i = 0; i < plan.warmup; ++i) round();
  SizeMeasurement m = SizeMeasurement::start(size, plan);
  BudgetLoop loop(ctx, plan.iterations, started, plan.warmup);
  while (const std::uint64_t n = loop.next_chunk()) {
    for (std::uint64_t i = 0; i < n; ++i) m.samples_us.push_back(round());
  }
  m.iterations = loop.done();
  m.budget_hit = loop.budget_hit();
  return m;
}

}  // namespace hpcpat::kernels
