#include "run_one.hpp"

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "container_run.hpp"
#include "flux_job.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/cluster/rsh_agent.hpp"
#include "hpcpat/run/profile_files.hpp"
#include "hpcpat/run/profiled_run.hpp"
#include "hpcpat/study/builtin_apps.hpp"
#include "launcher_report.hpp"
#include "outcome.hpp"

namespace hpcpat::runner {
namespace {
namespace fs = std::filesystem;

constexpr const char *kProfile = "profile.json";
constexpr const char *kSummary = "summary.json";

double epoch_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The rank program: a built-in app from `bin_dir` (empty: by its name alone, as in an image),
// asked for its JSON summary in the folder.
std::vector<std::string> program_of(const study::PlannedRun &run, const fs::path &dir,
                                    const fs::path &bin_dir) {
  std::vector<std::string> argv = run.argv;
  if (!run.builtin) return argv;
  if (!bin_dir.empty()) argv.front() = (bin_dir / argv.front()).string();
  if (const study::BuiltinApp *app = study::find_builtin_app(run.app);
      app != nullptr && !app->summary_flag.empty()) {
    argv.insert(argv.begin() + 1, {std::string(app->summary_flag), (dir / kSummary).string()});
  }
  return argv;
}

// "; the app's own checks failed: converged, energy_drift" from its JSON summary, or "".
std::string failed_checks(const fs::path &summary) {
  std::ifstream in(summary);
  const nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
  if (!doc.is_object() || !doc.contains("checks") || !doc["checks"].is_object()) return "";
  std::string names;
  for (const auto &[name, check] : doc["checks"].items()) {
    if (check.is_object() && check.value("ok", true) == false) {
      names += (names.empty() ? "" : ", ") + name;
    }
  }
  return names.empty() ? "" : "; the app's own checks failed: " + names;
}

}  // namespace

run::RunRequest request_for(const study::Plan &plan, const study::PlannedRun &run,
                            const fs::path &dir, const RunnerOptions &options) {
  const std::string launcher = launcher_for(plan, options);
  run::RunRequest r;
  r.program = program_of(run, dir, options.bin_dir);
  r.ranks = run.ranks;
  r.nodes = run.nodes;
  r.launcher = launcher;
  r.output = (dir / kProfile).string();
  r.tags = run.tags;
  for (const auto &[name, value] : run.env) r.extra_env.push_back({name, value});
  r.stdout_path = dir / "stdout";
  r.stderr_path = dir / "stderr";
  r.timeout_s = run.timeout_s;
  r.installation = options.installation;
  if (options.cluster) {
    r.remote = cluster::remote_nodes(*options.cluster, run.nodes, cluster::installed_rsh_agent());
  }
  const study::LauncherSpec &l = plan.launcher;
  r.launcher_flags = launcher == "flux"     ? l.flux.flags
                     : launcher == "mpirun" ? l.mpirun_flags
                     : launcher == "srun"   ? l.srun_flags
                                            : std::vector<std::string>{};
  if (launcher == "flux") {
    const study::FluxOptions &f = plan.launcher.flux;
    r.flux.mode = launch::FluxOptions::Mode::submit;
    r.flux.cpu_affinity = f.cpu_affinity;
    r.flux.exclusive = f.exclusive;
    r.flux.pmi = f.pmi;
    r.flux.time_limit_s = run.timeout_s;
    if (run.threads > 1) r.flux.cores_per_task = run.threads;
    r.flux.user_attributes = {{"study", run.study}, {"run", run.name}, {"case", run.case_name}};
  }
  return r;
}

store::RunRecord planned_record(const study::PlannedRun &run, const RunnerOptions &options) {
  store::RunRecord rec;
  rec.study = run.study;
  rec.run = run.name;
  rec.case_name = run.case_name;
  rec.app = run.builtin ? run.app : fs::path(run.argv.front()).filename().string();
  for (const auto &[name, value] : run.parameters) rec.parameters[name] = value;
  rec.nodes = run.nodes;
  rec.ranks = run.ranks;
  rec.ranks_per_node = run.ranks_per_node;
  rec.threads = run.threads;
  rec.repeat = run.repeat;
  rec.hpcpat_version = options.hpcpat_version;
  rec.git_sha = options.git_sha;
  for (const std::string &tag : run.tags) {
    const auto eq = tag.find('=');
    if (eq != std::string::npos) rec.tags[tag.substr(0, eq)] = tag.substr(eq + 1);
  }
  if (run.container) rec.container_image = run.container->image;
  if (const study::BuiltinApp *app = study::find_builtin_app(run.app); app != nullptr) {
    rec.figure_of_merit = app->figure_of_merit;
  }
  return rec;
}

std::vector<std::string> container_argv_for(const study::PlannedRun &run, const fs::path &dir) {
  return container_command(run, dir, kProfile, program_of(run, dir, {}));
}

std::string launcher_for(const study::Plan &plan, const RunnerOptions &options) {
  return run::resolved_launcher(options.launcher.empty() ? plan.launcher.name : options.launcher);
}

// The run launched from this host: mpirun or srun directly, or a job submitted to Flux.
void launch_on_host(const study::Plan &plan, const study::PlannedRun &run, const fs::path &dir,
                    const RunnerOptions &options, store::RunRecord &rec, LaunchFacts &facts,
                    std::optional<double> &job_wall_s) {
  const run::PreparedRun prepared = run::prepare_run(request_for(plan, run, dir, options));
  rec.argv = prepared.command.argv;
  for (const launch::EnvVar &v : prepared.rank_env) rec.env[v.name] = v.value;
  if (rec.launcher == "flux") {
    const FluxJobResult job =
        run_flux_job(prepared, prepared.command.argv.front(), dir, run.timeout_s);
    facts.launch_error = job.submit_error;
    facts.exit_code = job.attach.exit_code;
    if (job.attach.signal) facts.signal = job.attach.signal;
    facts.timed_out = job.attach.timed_out || job.result == "TIMEOUT";
    facts.flux_result = job.result;
    if (!job.records.empty()) rec.files.launcher = "launcher";
    rec.tags["flux_job"] = job.job_id;
    if (job.runtime_s >= 0) job_wall_s = job.runtime_s;
  } else {
    const run::RunResult result = run::execute_run(prepared);
    facts.exit_code = result.process.exit_code;
    facts.signal = result.process.signal;
    facts.timed_out = result.timed_out;
    job_wall_s = result.wall_s;
  }
}

store::RunRecord run_one(const study::Plan &plan, const study::PlannedRun &run, const fs::path &dir,
                         const RunnerOptions &options) {
  store::RunRecord rec = planned_record(run, options);
  rec.launcher = launcher_for(plan, options);
  rec.start = store::time_point(epoch_now());
  const auto t0 = std::chrono::steady_clock::now();
  // The run's wall time is the job's: the launcher's process under mpirun and srun, the job's own
  // run time under Flux (not the submit and the queries around it); else all of it.
  std::optional<double> job_wall_s;
  LaunchFacts facts;
  facts.ranks = run.ranks;
  facts.timeout_s = run.timeout_s;
  const fs::path profile = dir / kProfile;
  try {
    if (run.container) {
      if (rec.launcher != "mpirun") {
        throw InputError("a run in a container is started by the image's mpirun, not by " +
                         rec.launcher + " (docs/studies.md, Containers)");
      }
      rec.argv = container_argv_for(run, dir);
      for (const auto &[name, value] : run.env) rec.env[name] = value;
      const ContainerResult result = run_container(rec.argv, dir, run.timeout_s);
      facts.exit_code = result.process.exit_code;
      facts.signal = result.process.signal;
      facts.timed_out = result.process.timed_out;
      job_wall_s = result.wall_s;
    } else {
      launch_on_host(plan, run, dir, options, rec, facts, job_wall_s);
    }
  } catch (const InputError &e) {
    facts.launch_error = e.what();
  }
  rec.wall_s = job_wall_s.value_or(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  rec.end = store::time_point(epoch_now());
  if (const auto reported = rank_signal_in_files(dir / "stdout", dir / "stderr")) {
    facts.rank_signal = reported->signal;
    facts.rank_where = reported->where;
  }
  facts.profile_written = fs::is_regular_file(profile);
  if (!facts.profile_written) facts.partial_profiles = run::partial_profiles(profile).size();
  const Outcome outcome = classify(facts);
  rec.status = outcome.status;
  rec.cause = outcome.cause;
  if (rec.status == store::RunStatus::failed) rec.cause += failed_checks(dir / kSummary);
  if (facts.launch_error.empty()) {
    if (facts.signal) {
      rec.signal = facts.signal;
    } else {
      rec.exit_code = facts.exit_code;
    }
  }
  if (facts.profile_written) rec.files.profile = kProfile;
  if (fs::is_regular_file(dir / kSummary)) rec.files.summary = kSummary;
  if (fs::is_regular_file(dir / "stdout")) rec.files.stdout_ = "stdout";
  if (fs::is_regular_file(dir / "stderr")) rec.files.stderr_ = "stderr";
  return rec;
}

}  // namespace hpcpat::runner
