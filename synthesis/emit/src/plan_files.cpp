// plan.json and ensemble.swf: the plan as data, and as a workload trace.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "hpcpat/emit/emit.hpp"

namespace hpcpat::emit {
namespace {

// When each job is predicted to start if the cluster runs it at once: phase 1 at 0, each later
// phase when the one before is predicted to have ended, a job at its phase's start plus its
// arrival. The schedule the SWF trace and plan.json state.
std::vector<double> predicted_starts(const EnsemblePlan &plan) {
  std::map<int, double> phase_end;  // predicted end of each phase, from its own start
  std::map<int, double> phase_start = {{1, 0.0}};
  int last = 1;
  for (const PlannedJob &job : plan.jobs) last = std::max(last, job.phase);
  for (int p = 1; p <= last; ++p) {
    double end = phase_start[p];
    for (const PlannedJob &job : plan.jobs) {
      if (job.phase == p) end = std::max(end, phase_start[p] + job.submit_s + job.predicted_s);
    }
    phase_start[p + 1] = end;
  }
  std::vector<double> starts;
  for (const PlannedJob &job : plan.jobs) starts.push_back(phase_start[job.phase] + job.submit_s);
  return starts;
}

}  // namespace

nlohmann::json plan_json(const EnsemblePlan &plan) {
  using nlohmann::json;
  const std::vector<double> starts = predicted_starts(plan);
  json jobs = json::array();
  for (std::size_t i = 0; i < plan.jobs.size(); ++i) {
    const PlannedJob &j = plan.jobs[i];
    jobs.push_back({{"name", j.name},
                    {"app", j.app},
                    {"argv", j.argv},
                    {"parameters", j.parameters},
                    {"nodes", j.nodes},
                    {"tasks_per_node", j.tasks_per_node},
                    {"tasks", j.tasks()},
                    {"cores_per_task", j.cores_per_task},
                    {"predicted_s", j.predicted_s},
                    {"uncertainty_s", j.uncertainty_s},
                    {"time_limit_s", j.time_limit_s},
                    {"pattern", j.pattern},
                    {"phase", j.phase},
                    {"submit_s", j.submit_s},
                    {"predicted_start_s", starts[i]},
                    {"env", j.env},
                    {"source_runs", j.source_runs}});
  }
  return {{"schema", "hpcpat.ensemble-plan.v1"}, {"name", plan.name},
          {"seed", plan.seed},                    {"cluster_nodes", plan.cluster_nodes},
          {"image", plan.image},                  {"workdir", plan.workdir},
          {"generated_by", plan.generated_by},    {"jobs", std::move(jobs)}};
}

// The Standard Workload Format 2.2 (Feitelson et al., Parallel Workloads Archive): a header of
// "; Key: value" comments, then one line of 18 whitespace-separated fields per job, -1 where a
// field does not apply. Times are the plan's predictions; processors are tasks.
std::string standard_workload_format(const EnsemblePlan &plan) {
  const std::vector<double> starts = predicted_starts(plan);
  std::map<std::string, int> app_numbers;
  for (const PlannedJob &j : plan.jobs) app_numbers.try_emplace(j.app, app_numbers.size() + 1);
  // A later phase's jobs name the previous phase's job predicted to end last as their preceding
  // job (the format has room for one).
  std::map<int, std::size_t> anchor;  // phase -> index of its last-ending job
  for (std::size_t i = 0; i < plan.jobs.size(); ++i) {
    const PlannedJob &j = plan.jobs[i];
    auto it = anchor.find(j.phase);
    if (it == anchor.end() ||
        starts[i] + j.predicted_s > starts[it->second] + plan.jobs[it->second].predicted_s) {
      anchor[j.phase] = i;
    }
  }
  int max_tasks = 0;
  for (const PlannedJob &j : plan.jobs) max_tasks = std::max(max_tasks, j.tasks());
  std::string out;
  out += "; Version: 2.2\n";
  out += "; Computer: hpcpat ensemble " + plan.name + "\n";
  out += "; Note: synthesised by " + plan.generated_by + " (seed " + std::to_string(plan.seed) +
         "); run and submit times are the duration models' predictions, not measurements\n";
  out += "; MaxJobs: " + std::to_string(plan.jobs.size()) + "\n";
  out += "; MaxRecords: " + std::to_string(plan.jobs.size()) + "\n";
  out += "; MaxNodes: " + std::to_string(plan.cluster_nodes) + "\n";
  out += "; MaxProcs: " + std::to_string(max_tasks) + "\n";
  out += "; UnixStartTime: 0\n";
  out += "; AllowOveruse: False\n";
  for (std::size_t i = 0; i < plan.jobs.size(); ++i) {
    const PlannedJob &j = plan.jobs[i];
    const auto secs = [](double s) { return static_cast<long long>(std::llround(s)); };
    long long preceding = -1, think = -1;
    if (j.phase > 1) {
      preceding = static_cast<long long>(anchor.at(j.phase - 1)) + 1;
      think = secs(j.submit_s);
    }
    char line[512];
    std::snprintf(line, sizeof line,
                  "%zu %lld -1 %lld %d -1 -1 %d %lld -1 1 1 1 %d 1 1 %lld %lld\n", i + 1,
                  secs(starts[i]), secs(j.predicted_s), j.tasks(), j.tasks(),
                  j.time_limit_s > 0 ? secs(j.time_limit_s) : -1LL, app_numbers[j.app],
                  preceding, think);
    out += line;
  }
  return out;
}

}  // namespace hpcpat::emit
