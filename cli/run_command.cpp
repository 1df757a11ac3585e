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
#include "hpcpat/study/plan.hpp"
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
};

// Where the study's folders go: --results, else HPCPAT_RESULTS, else ./hpcpat-results; absolute.
// Nothing is created here.
fs::path results_dir(const RunOptions &o) {
  std::string dir = o.results;
  if (dir.empty()) {
    const char *env = std::getenv(contract::kEnvResults);
    dir = env != nullptr && *env != '\0' ? env : "hpcpat-results";
  }
  std::error_code ec;
  return fs::absolute(dir, ec).lexically_normal();
}

// `auto`: Flux inside a Flux instance (FLUX_URI), srun inside a Slurm allocation (SLURM_JOB_ID),
// else mpirun.
std::string resolve_launcher(const std::string &wanted) {
  if (wanted != "auto") return wanted;
  const auto set = [](const char *name) {
    const char *v = std::getenv(name);
    return v != nullptr && *v != '\0';
  };
  if (set("FLUX_URI")) return "flux";
  if (set("SLURM_JOB_ID")) return "srun";
  return "mpirun";
}

// One planned run as hpcpat::run states it: a built-in app is the program beside hpcpat (bin/),
// the profile goes to RESULTS/<study>/<run>/profile.json.
run::RunRequest run_request(const study::PlannedRun &p, const std::string &launcher,
                            const fs::path &results, bool check_output) {
  const BuildConfig &config = build_config();
  run::RunRequest r;
  r.program = p.argv;
  if (p.builtin)
    r.program.front() = (launch::current_executable().parent_path() / p.argv.front()).string();
  r.ranks = p.ranks;
  r.nodes = p.nodes;
  r.launcher = launcher;
  for (const auto &[name, value] : p.env) r.extra_env.push_back({name, value});
  r.output = (results / p.study / p.name / "profile.json").string();
  r.tags = p.tags;
  r.installation = {config.mpi_flavour, config.mpiexec, config.bin_to_lib, config.pmpi_build_path,
                    config.sanitizer_runtime};
  r.check_output = check_output;
  return r;
}

// What the spec asks of the launcher beyond what its argv builder takes today (the study runner's
// launchers apply them): shown so that a dry run hides nothing.
std::string launcher_options(const study::LauncherSpec &l, const std::string &launcher) {
  std::vector<std::string> o;
  if (launcher == "flux") {
    o.push_back("cpu_affinity=" + l.flux.cpu_affinity);
    if (l.flux.exclusive) o.push_back("exclusive");
    if (!l.flux.pmi.empty()) o.push_back("pmi=" + l.flux.pmi);
    for (const std::string &f : l.flux.flags) o.push_back(f);
  }
  for (const std::string &f : launcher == "mpirun" ? l.mpirun_flags : std::vector<std::string>{})
    o.push_back(f);
  for (const std::string &f : launcher == "srun" ? l.srun_flags : std::vector<std::string>{})
    o.push_back(f);
  return o.empty() ? std::string() : display_command(o);
}

// Every run is prepared before anything is printed, so a run the harness refuses (a program or
// launcher not found) leaves one message and no half-printed plan.
int print_plan(const study::Plan &plan, const std::string &launcher, const fs::path &results) {
  std::vector<run::PreparedRun> prepared;
  prepared.reserve(plan.runs.size());
  for (const study::PlannedRun &p : plan.runs) {
    prepared.push_back(run::prepare_run(run_request(p, launcher, results, false)));
  }
  std::printf("study %s: %zu run(s) from %s, launcher %s, results %s\n", plan.study.c_str(),
              plan.runs.size(), plan.file.c_str(), launcher.c_str(), results.c_str());
  if (const std::string extra = launcher_options(plan.launcher, launcher); !extra.empty()) {
    std::printf("launcher options (applied by the study runner): %s\n", extra.c_str());
  }
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    const study::PlannedRun &p = plan.runs[i];
    const run::PreparedRun &r = prepared[i];
    std::string container;
    if (p.container) container = ", container " + p.container->runtime + " " + p.container->image;
    std::printf("[%zu/%zu] %s\n", i + 1, plan.runs.size(), p.name.c_str());
    std::printf("  nodes %d, ranks %d, threads %d, timeout %d s%s\n", p.nodes, p.ranks, p.threads,
                p.timeout_s, container.c_str());
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

// THE STUDY RUNNER GOES HERE (issue 12, the lead's part): execute `plan` through the launchers
// into the results store under `results` (run folders, index, timeouts, --resume, --jobs,
// progress). Each run's request is run_request(run, launcher, results, true) followed by
// run::prepare_run / run::execute_run. Until it exists a study is refused, not half-run.
int execute_plan(const study::Plan &plan, const RunOptions &o, const std::string &launcher,
                 const fs::path &results) {
  (void)plan, (void)o, (void)launcher, (void)results;
  std::fprintf(stderr, "hpcpat run: executing a study is not built yet (try --dry-run)\n");
  return kExitRunFailed;
}

int run_study(const RunOptions &o) {
  const study::Plan plan = study::expand(study::load_study(o.spec));
  const std::string launcher =
      resolve_launcher(o.launcher.empty() ? plan.launcher.name : o.launcher);
  const fs::path results = results_dir(o);
  if (o.dry_run) return print_plan(plan, launcher, results);
  return execute_plan(plan, o, launcher, results);
}

}  // namespace

Subcommand add_run_command(CLI::App &parent) {
  auto o = std::make_shared<RunOptions>();
  CLI::App *sub = parent.add_subcommand(
      "run",
      "Run a study: every case of STUDY.yaml at every node count and repeat, profiled "
      "(docs/studies.md)");
  sub->add_option("study", o->spec, "The study spec (YAML)")->required();
  sub->add_option("--results", o->results,
                  "Results folder (default: $" + std::string(contract::kEnvResults) +
                      ", else ./hpcpat-results)");
  sub->add_flag("--resume", o->resume, "Finish an interrupted study; completed runs are kept");
  sub->add_flag("--dry-run", o->dry_run,
                "Print every run's launcher argv and rank environment; launch nothing, write "
                "nothing");
  sub->add_option("--launcher", o->launcher, "Launcher (default: the spec's, else auto)")
      ->check(CLI::IsMember({"auto", "flux", "mpirun", "srun"}));
  sub->add_option("--jobs", o->jobs, "Runs at once")
      ->check(integer_at_least(1))
      ->capture_default_str();
  return {sub, [o]() { return run_study(*o); }};
}

}  // namespace hpcpat::cli
