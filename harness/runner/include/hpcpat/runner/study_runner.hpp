// Runs a study: every run of a plan (harness/study) through the launchers (harness/run), each into
// its folder of the results store (harness/store), one after another. A run that fails, crashes
// or times out is recorded with its cause and the study goes on; with `resume`, runs the store
// already holds complete are not run again (a folder left by an interrupted run is redone).
// Nothing is printed here: progress is reported through a callback, the CLI renders it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hpcpat/cluster/cluster_state.hpp"
#include "hpcpat/run/run_request.hpp"
#include "hpcpat/store/run_record.hpp"
#include "hpcpat/store/store.hpp"
#include "hpcpat/study/plan.hpp"

namespace hpcpat::runner {

struct RunnerOptions {
  bool resume = false;
  int jobs = 1;  // runs at once: each in a worker process of its own (see run_study)
  std::string launcher;           // overrides the spec's launcher when not empty
  // The emulated nodes of `hpcpat cluster up` (mpirun only): a run on N nodes goes to the first N.
  std::optional<cluster::ClusterState> cluster;
  std::filesystem::path bin_dir;  // where the built-in apps are (hpcpat's own bin/)
  run::Installation installation;
  std::string hpcpat_version, git_sha;
};

// What happened to one run of the plan, as it happens.
struct RunEvent {
  enum class Kind { skipped, started, finished } kind = Kind::started;
  const study::PlannedRun *run = nullptr;
  std::size_t index = 0, total = 0;  // 0-based position in the plan, and the plan's size
  store::RunStatus status = store::RunStatus::ok;  // finished: how it ended
  std::string cause;                               // finished: why it did not succeed
  double wall_s = 0;
};
using ProgressCallback = std::function<void(const RunEvent &)>;

struct StudyOutcome {
  std::size_t planned = 0, skipped = 0, ok = 0, not_ok = 0;
  std::vector<std::string> notes;  // from the store: files it could not read, index lag
};

// The launcher the study's runs use: `options.launcher`, else the spec's, "auto" resolved.
std::string launcher_for(const study::Plan &plan, const RunnerOptions &options);

// The request one planned run becomes, its profile and output files in `dir` (the run's folder):
// what run_study executes and what `hpcpat run --dry-run` shows.
run::RunRequest request_for(const study::Plan &plan, const study::PlannedRun &run,
                            const std::filesystem::path &dir, const RunnerOptions &options);

// The command line of a run in its container (`run.container` set): the runtime starting the
// image's hpcpat profile, writing into `dir`. What run_study executes and --dry-run shows.
std::vector<std::string> container_argv_for(const study::PlannedRun &run,
                                            const std::filesystem::path &dir);

// Throws InputError for what makes the whole study impossible before any run starts (a launcher
// that cannot be chosen, a built-in app missing from bin_dir, a study started with another spec).
// With jobs > 1, up to `jobs` runs go at once, each in a forked worker that launches its run and
// finishes it in the store (its own index connection; the store takes concurrent writers). A
// worker dies with this process (SIGTERM, which stops its job as hpcpat profile's does).
StudyOutcome run_study(const study::Plan &plan, std::string_view spec_text, store::Store &store,
                       const RunnerOptions &options, const ProgressCallback &progress);

}  // namespace hpcpat::runner
