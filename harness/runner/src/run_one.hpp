// One planned run, start to end: the request (program, placement, environment, the profile and
// the output files in the run's folder, the timeout, Flux's job options), the launch (through
// Flux as a submitted job, else the launcher directly), and the record of how it went.
#pragma once

#include <filesystem>

#include "hpcpat/runner/study_runner.hpp"

namespace hpcpat::runner {

// What the record of `run` says before it runs: names, parameters, placement, tags, hpcpat.
store::RunRecord planned_record(const study::PlannedRun &run, const RunnerOptions &options);

// Runs `run` into `dir` (made by the store) and returns its record, ready for finish_run.
// Never throws for what one run does wrong: that is the record's status and cause.
store::RunRecord run_one(const study::Plan &plan, const study::PlannedRun &run,
                         const std::filesystem::path &dir, const RunnerOptions &options);

}  // namespace hpcpat::runner
