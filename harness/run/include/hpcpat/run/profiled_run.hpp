// One profiled run: the launcher starts the program on N ranks with libhpcpat-pmpi preloaded into
// the ranks only, and the result says whether a new profile was written. Nothing is printed here.
#pragma once

#include "hpcpat/run/run_request.hpp"

namespace hpcpat::run {

// Checks everything the request says before anything is searched for or started, in this order:
// tags, MPI flavour, program, launcher executable, output path, the interposer. Throws
// hpcpat::InputError with one message naming the field (by its hpcpat profile flag) and what was
// expected.
PreparedRun prepare_run(const RunRequest &request);

// Runs the prepared command and waits for it (SIGINT/SIGTERM are passed on to it meanwhile).
RunResult execute_run(const PreparedRun &prepared);

}  // namespace hpcpat::run
