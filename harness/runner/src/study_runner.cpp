#include "hpcpat/runner/study_runner.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <stdexcept>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/launch/process.hpp"
#include "hpcpat/study/builtin_apps.hpp"
#include "run_one.hpp"

namespace hpcpat::runner {
namespace {
namespace fs = std::filesystem;

// Everything that would make every run fail the same way is refused before the first one.
void check_before_any_run(const study::Plan &plan, const RunnerOptions &options) {
  const std::string launcher = launcher_for(plan, options);
  if (launcher != "mpirun" && launcher != "flux" && launcher != "srun") {
    throw InputError("--launcher '" + launcher + "': expected mpirun, flux, srun or auto");
  }
  if (options.cluster) {
    if (launcher != "mpirun") {
      throw InputError("--cluster: the emulated nodes are reached by mpirun only; the study's "
                       "launcher is " + launcher + " (give --launcher mpirun)");
    }
    for (const study::PlannedRun &run : plan.runs) {
      if (run.nodes > static_cast<int>(options.cluster->nodes.size())) {
        throw InputError("--cluster: run " + run.name + " needs " + std::to_string(run.nodes) +
                         " nodes; the cluster that is up has " +
                         std::to_string(options.cluster->nodes.size()) +
                         " (hpcpat cluster up --nodes N)");
      }
    }
  }
  for (const study::PlannedRun &run : plan.runs) {
    if (!run.builtin || run.container) continue;  // in a container: the image's apps
    const fs::path exe = options.bin_dir / run.argv.front();
    if (!launch::find_executable(exe.string())) {
      throw InputError(plan.file + ": case '" + run.case_name + "': built-in app '" + run.app +
                       "' needs " + exe.string() + ", which is not an executable file (is "
                       "hpcpat installed with its apps?)");
    }
  }
}

// The event of a run that ended: its status, cause and time as the store keeps them.
RunEvent finished_event(const store::RunRecord &record) {
  RunEvent event;
  event.kind = RunEvent::Kind::finished;
  event.status = record.status;
  event.cause = record.cause;
  event.wall_s = record.wall_s;
  return event;
}

// In a forked worker: the run, start to end, into the store through a connection of its own.
[[noreturn]] void worker(const study::Plan &plan, const study::PlannedRun &run,
                         const fs::path &dir, const fs::path &results, const RunnerOptions &options,
                         pid_t parent) {
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) _exit(1);
  try {
    store::Store own(results, store::Store::Mode::existing);
    own.finish_run(run_one(plan, run, dir, options));
    _exit(0);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "hpcpat: run %s: %s\n", run.name.c_str(), e.what());
  } catch (...) {
  }
  _exit(3);
}

}  // namespace

StudyOutcome run_study(const study::Plan &plan, std::string_view spec_text, store::Store &store,
                       const RunnerOptions &options, const ProgressCallback &progress) {
  check_before_any_run(plan, options);
  std::vector<std::string> names;
  names.reserve(plan.runs.size());
  for (const study::PlannedRun &run : plan.runs) names.push_back(run.name);
  StudyOutcome outcome;
  outcome.planned = plan.runs.size();
  outcome.notes = store.start_study(plan.study, spec_text, names, options.resume);
  auto report = [&](RunEvent event, std::size_t i) {
    event.run = &plan.runs[i];
    event.index = i;
    event.total = plan.runs.size();
    if (progress) progress(event);
  };
  auto count = [&](const store::RunRecord &record) {
    (record.status == store::RunStatus::ok ? outcome.ok : outcome.not_ok) += 1;
  };

  std::map<pid_t, std::size_t> workers;  // jobs > 1: pid -> run index
  const std::size_t jobs = static_cast<std::size_t>(std::max(1, options.jobs));
  std::size_t next = 0;
  while (next < plan.runs.size() || !workers.empty()) {
    while (next < plan.runs.size() && workers.size() < jobs) {
      const std::size_t i = next++;
      const study::PlannedRun &run = plan.runs[i];
      if (options.resume && store.is_complete(plan.study, run.name)) {
        ++outcome.skipped;
        RunEvent skipped;
        skipped.kind = RunEvent::Kind::skipped;
        report(skipped, i);
        continue;
      }
      report(RunEvent{}, i);
      const fs::path dir = store.run_dir(plan.study, run.name);
      if (jobs == 1) {
        const store::RunRecord record = run_one(plan, run, dir, options);
        for (std::string &note : store.finish_run(record)) outcome.notes.push_back(std::move(note));
        count(record);
        report(finished_event(record), i);
        continue;
      }
      const pid_t parent = getpid();
      const pid_t pid = fork();
      if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
      if (pid == 0) worker(plan, run, dir, store.dir(), options, parent);
      workers[pid] = i;
    }
    if (workers.empty()) continue;
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
    }
    const auto it = workers.find(pid);
    if (it == workers.end()) continue;  // not a worker (a job's orphan we reaped as subreaper)
    const std::size_t i = it->second;
    workers.erase(it);
    const study::PlannedRun &run = plan.runs[i];
    store::RunRecord record;
    if (store.is_complete(plan.study, run.name)) {
      record = store::read_record(store.run_path(plan.study, run.name) / store::kRecordFile);
    } else {  // the worker died before it could record the run: record why, from here
      record = planned_record(run, options);
      record.launcher = launcher_for(plan, options);
      record.start = record.end = store::time_point_now();
      record.status = store::RunStatus::launch_error;
      record.cause = "its worker process ended with status " +
                     std::to_string(WIFEXITED(status) ? WEXITSTATUS(status)
                                                      : 128 + WTERMSIG(status)) +
                     " before recording it";
      for (std::string &note : store.finish_run(record)) outcome.notes.push_back(std::move(note));
    }
    count(record);
    report(finished_event(record), i);
  }
  return outcome;
}

}  // namespace hpcpat::runner
