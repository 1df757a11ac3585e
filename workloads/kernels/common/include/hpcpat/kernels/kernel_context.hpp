// What every kernel receives: the communicator, the options of the run, this rank's call ledger
// and validator. One concept: the environment a kernel runs in.
#pragma once

#include <mpi.h>

#include <cstddef>
#include <string>

#include "hpcpat/kernels/call_ledger.hpp"
#include "hpcpat/kernels/sweep.hpp"
#include "hpcpat/kernels/validator.hpp"

namespace hpcpat::kernels {

// How a size's time is taken. `iteration`: each timed iteration on its own, as OMB 7 does (the mean
// plus p50/p90/p99). `loop`: the whole loop of timed iterations at once, as OMB <= 6 and IMB time
// point-to-point benchmarks (no clock read inside the loop, so no percentiles).
enum class Timing { iteration, loop };

// Whose loop a size is measured with. `osu`: the OSU Micro-Benchmarks' (the default; sweep.hpp,
// measure_size.hpp). `imb`: the Intel MPI Benchmarks' (repetitions set by volume, a calibration
// run, one warm-up at the first size, t_min/t_avg/t_max over ranks; imb_method.hpp).
enum class Method { osu, imb };

struct KernelOptions {
  std::string kernel;
  SweepConfig sweep;
  int window = 64;        // bandwidth kernels: nonblocking sends in flight per iteration
  double budget_s = 0.0;  // per size; 0 = no budget (OSU's behaviour)
  Timing timing = Timing::iteration;
  Method method = Method::osu;
  bool validate = false;
  bool inject_error = false;  // test hook, see Validator::inject_error_once()
  std::string json_path;      // empty: no JSON
};

struct KernelContext {
  MPI_Comm comm = MPI_COMM_WORLD;
  int rank = 0;
  int ranks = 1;
  const KernelOptions &options;
  CallLedger &ledger;
  Validator &validator;

  IterationPlan plan(std::size_t size) const { return plan_for(options.sweep, size); }
  bool validating() const { return validator.enabled(); }
  bool per_iteration_timing() const { return options.timing == Timing::iteration; }
};

}  // namespace hpcpat::kernels
