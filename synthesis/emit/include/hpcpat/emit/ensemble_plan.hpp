// An ensemble as planned: its jobs with what each runs, on how many nodes and tasks, how long it
// is predicted to take, the pattern it is meant to have, when it arrives and after which phase.
// The planner (hpcpat synth) fills it from the duration models and pattern labels; the emitters
// (emit.hpp) write it as the files that run it. Plain data: everything here is already decided.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hpcpat::emit {

struct PlannedJob {
  std::string name;               // unique in the ensemble: [A-Za-z0-9][A-Za-z0-9._-]{0,63}
  std::string app;                // the app or kernel it runs (for people and plan.json)
  std::vector<std::string> argv;  // the rank program and its arguments, verbatim
  nlohmann::json parameters = nlohmann::json::object();  // the app's knobs, as chosen
  int nodes = 1;
  int tasks_per_node = 1;
  int cores_per_task = 1;
  double predicted_s = 0;     // the duration model's prediction at this node count
  double uncertainty_s = 0;   // its standard error (0: none given)
  double time_limit_s = 0;    // the scheduler's limit (0: none)
  std::string pattern;        // the label it is meant to show ("halo", "allreduce-heavy", ...)
  int phase = 1;              // jobs of phase p start after every job of phase p-1 has finished
  double submit_s = 0;        // arrival, in seconds after the ensemble starts
  std::map<std::string, std::string> env;  // set for the job's tasks
  std::vector<std::string> source_runs;    // the runs (study/run) the prediction came from

  int tasks() const { return nodes * tasks_per_node; }
};

struct EnsemblePlan {
  std::string name;  // [A-Za-z0-9][A-Za-z0-9._-]{0,63}: also the Kubernetes object names
  std::uint64_t seed = 0;
  int cluster_nodes = 1;  // the MiniCluster's size; no job asks for more
  std::string image;      // the container image the manifests run (the container matrix's)
  std::string workdir;    // the jobs' working directory inside the image ("" none)
  std::string generated_by;
  std::vector<PlannedJob> jobs;
};

}  // namespace hpcpat::emit
