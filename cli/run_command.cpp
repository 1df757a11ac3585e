// hpcpat run STUDY.yaml [--results DIR] [--resume] [--dry-run] [--launcher L] [--jobs K]: a study
// (docs/studies.md). The spec is read and expanded by harness/study; each planned run becomes a
// hpcpat::run request, prepared exactly as hpcpat profile prepares one. --dry-run prints every
// run's launcher argv and rank environment and starts nothing, writes nothing.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bounds.hpp"
#include "build_config.hpp"
#include "exit_codes.hpp"
#include "hpcpat/base/display_command.hpp"
#include "hpcpat/contract.h"
#include "hpcpat/launch/pmpi_library.hpp"
#include "hpcpat/run/profiled_run.hpp"
#include "hpcpat/runner/study_runner.hpp"
#include "hpcpat/store/store.hpp"
#include "hpcpat/study/plan.hpp"
#include "results_dir.hpp"
#include "study_execution.hpp"
#include "subcommands.hpp"

namespace hpcpat::cli {
namespace {
namespace fs = std::filesystem;

struct RunOptions {
  std::string spec;
  std::string results;  // empty: HPCPAT_RESULTS, else ./hpcpat-results
  bool resume = false;
  bool dry_run = false;
  std::string launcher;  // empty: the spec's
  int jobs = 1;
  bool cluster = false;
};

// Every run is prepared before anything is printed, so a run the harness refuses (a program or
// launcher not found) leaves one message and no half-printed plan.
int print_plan(const study::Plan &plan, const runner::RunnerOptions &options,
               const fs::path &results) {
  const std::string launcher = runner::launcher_for(plan, options);
  std::vector<run::PreparedRun> prepared;
  prepared.reserve(plan.runs.size());
  for (const study::PlannedRun &p : plan.runs) {
    if (p.container) {  // started by its runtime: nothing of this host's launcher to prepare
      prepared.emplace_back();
      continue;
    }
    run::RunRequest request = runner::request_for(plan, p, results / p.study / p.name, options);
    request.check_output = false;  // the run's folder is made when it runs
    prepared.push_back(run::prepare_run(request));
  }
  std::printf("study %s: %zu run(s) from %s, launcher %s, results %s\n", plan.study.c_str(),
              plan.runs.size(), plan.file.c_str(), launcher.c_str(), results.c_str());
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    const study::PlannedRun &p = plan.runs[i];
    const run::PreparedRun &r = prepared[i];
    std::string container;
    if (p.container) container = ", container " + p.container->runtime + " " + p.container->image;
    std::printf("[%zu/%zu] %s\n", i + 1, plan.runs.size(), p.name.c_str());
    std::printf("  nodes %d, ranks %d, threads %d, timeout %d s%s\n", p.nodes, p.ranks, p.threads,
                p.timeout_s, container.c_str());
    if (p.container) {
      const fs::path dir = results / p.study / p.name;
      std::printf("  argv: %s\n", display_command(runner::container_argv_for(p, dir)).c_str());
      for (const auto &[name, value] : p.env) {
        std::printf("  container env: %s=%s\n", name.c_str(), printable(value).c_str());
      }
      continue;
    }
    std::printf("  argv: %s\n", display_command(r.command.argv).c_str());
    for (const launch::EnvVar &v : r.command.launcher_env) {
      std::printf("  launcher env: %s=%s\n", v.name.c_str(), printable(v.value).c_str());
    }
    for (const launch::EnvVar &v : r.rank_env) {
      std::printf("  rank env: %s=%s\n", v.name.c_str(), printable(v.value).c_str());
    }
    for (const std::string &note : r.notes) std::printf("  note: %s\n", note.c_str());
  }
  std::fflush(stdout);
  return kExitOk;
}

int run_study(const RunOptions &o) {
  const std::string spec_text = study::read_spec_text(o.spec);
  const study::Plan plan = study::expand(study::parse_study(spec_text, o.spec));
  runner::RunnerOptions options = runner_options(o.launcher, o.resume, o.cluster);
  options.jobs = o.jobs;
  const fs::path results = results_folder(o.results).dir;
  if (o.dry_run) return print_plan(plan, options, results);
  store::Store store(results);
  return execute_study(plan, spec_text, store, options);
}

}  // namespace

Subcommand add_run_command(CLI::App &parent) {
  auto o = std::make_shared<RunOptions>();
  CLI::App *sub = parent.add_subcommand(
      "run",
      "Run a study: every case of STUDY.yaml at every node count and repeat, profiled "
      "(docs/studies.md)");
  sub->add_option("study", o->spec, "The study spec (YAML)")->required();
  sub->add_option("--results", o->results, results_flag_help());
  sub->add_flag("--resume", o->resume, "Finish an interrupted study; completed runs are kept");
  sub->add_flag("--dry-run", o->dry_run,
                "Print every run's launcher argv and rank environment; launch nothing, write "
                "nothing");
  sub->add_option("--launcher", o->launcher, "Launcher (default: the spec's, else auto)")
      ->check(CLI::IsMember({"auto", "flux", "mpirun", "srun"}));
  sub->add_flag("--cluster", o->cluster,
                "Run on the emulated nodes of 'hpcpat cluster up' (mpirun; a run on N nodes takes "
                "the first N)");
  sub->add_option("--jobs", o->jobs, "Runs at once, each in a worker process")
      ->check(integer_at_least(1))
      ->capture_default_str();
  return {sub, [o]() { return run_study(*o); }};
}

}  // namespace hpcpat::cli
