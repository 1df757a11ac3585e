// What every kernel receives: the communicator, the options of the run, this rank's call ledger
// and validator. One concept: the environment a kernel runs in.
#pragma once

#include <mpi.h>

#include <cstddef>
#include <string>

#include "call_ledger.hpp"
#include "sweep.hpp"
#include "validator.hpp"

namespace hpcpat::kernels {

struct KernelOptions {
  std::string kernel;
  SweepConfig sweep;
  int window = 64;        // bandwidth kernels: nonblocking sends in flight per iteration
  double budget_s = 0.0;  // per size; 0 = no budget (OSU's behaviour)
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
};

}  // namespace hpcpat::kernels
