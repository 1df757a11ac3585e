#include "study_execution.hpp"

#include <unistd.h>

#include <cstdio>

#include "build_config.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/cluster/cluster_state.hpp"
#include "exit_codes.hpp"
#include "hpcpat/launch/pmpi_library.hpp"
#include "hpcpat/runner/study_runner.hpp"
#include "progress_view.hpp"

namespace hpcpat::cli {

runner::RunnerOptions runner_options(const std::string &launcher, bool resume, bool cluster) {
  const BuildConfig &config = build_config();
  runner::RunnerOptions options;
  options.resume = resume;
  options.launcher = launcher;
  options.bin_dir = launch::current_executable().parent_path();
  options.installation = installation_facts();
  options.hpcpat_version = config.version;
  options.git_sha = config.git_sha;
  if (cluster) {
    const std::filesystem::path file = cluster::state_path();
    options.cluster = cluster::read_state(file);
    if (!options.cluster) {
      throw InputError("--cluster: no cluster is up (" + file.string() +
                       " does not exist); expected one made by 'hpcpat cluster up --nodes N'");
    }
  }
  return options;
}

int execute_study(const study::Plan &plan, std::string_view spec_text, store::Store &store,
                  const runner::RunnerOptions &options, std::FILE *closing) {
  ProgressView view(stderr, isatty(STDERR_FILENO) == 1);
  const runner::StudyOutcome outcome = runner::run_study(
      plan, spec_text, store, options, [&view](const runner::RunEvent &e) { view.on_event(e); });
  view.finish();
  for (const std::string &note : outcome.notes) std::fprintf(stderr, "hpcpat: %s\n", note.c_str());
  std::fprintf(closing,
               "study %s: %zu run(s): %zu ok, %zu not ok, %zu kept from before; results in %s\n",
               plan.study.c_str(), outcome.planned, outcome.ok, outcome.not_ok, outcome.skipped,
              (store.dir() / plan.study).c_str());
  std::fflush(closing);
  return outcome.not_ok == 0 ? kExitOk : kExitRunFailed;
}

}  // namespace hpcpat::cli
