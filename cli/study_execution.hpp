// A planned study run into the store with this build's facts, its progress rendered on stderr
// (progress_view.hpp) and a closing line on stdout. Shared by `hpcpat run` and `hpcpat scale`.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "hpcpat/runner/study_runner.hpp"
#include "hpcpat/store/store.hpp"
#include "hpcpat/study/plan.hpp"

namespace hpcpat::cli {

// Returns the exit status: 0 when every run succeeded, 1 when one did not. The closing line goes
// to `closing` (stderr when stdout is kept for JSON).
int execute_study(const study::Plan &plan, std::string_view spec_text, store::Store &store,
                  const runner::RunnerOptions &options, std::FILE *closing = stdout);

// This build's facts as the runner needs them (bin dir, interposer, version), for a study with
// `launcher` ("" = the spec's) and `resume`; with `cluster`, the emulated nodes that are up
// (InputError naming --cluster when none is).
runner::RunnerOptions runner_options(const std::string &launcher, bool resume, bool cluster);

}  // namespace hpcpat::cli
