#include <cmath>
#include <set>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/emit/emit.hpp"

namespace hpcpat::emit {
namespace {

// A name that is a safe file name, a Flux job name and (lower-cased) a Kubernetes name part.
bool safe_name(const std::string &name) {
  if (name.empty() || name.size() > 64 || !std::isalnum(static_cast<unsigned char>(name[0]))) {
    return false;
  }
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') {
      return false;
    }
  }
  return name.find("..") == std::string::npos;
}

void need(bool ok, const std::string &where, const std::string &expected) {
  if (!ok) throw InputError("ensemble plan: " + where + ": expected " + expected);
}

bool time_ok(double s) { return std::isfinite(s) && s >= 0; }

}  // namespace

void check_plan(const EnsemblePlan &plan) {
  need(safe_name(plan.name), "name '" + plan.name + "'",
       "1-64 characters of [A-Za-z0-9._-], starting with a letter or digit, no '..'");
  need(plan.cluster_nodes >= 1, "cluster_nodes", "at least 1");
  need(!plan.jobs.empty(), "jobs", "at least one job");
  std::set<std::string> names;
  std::set<int> phases;
  for (const PlannedJob &job : plan.jobs) {
    const std::string at = "job '" + job.name + "'";
    need(safe_name(job.name), at + " name",
         "1-64 characters of [A-Za-z0-9._-], starting with a letter or digit, no '..'");
    need(names.insert(job.name).second, at, "a name no other job has");
    need(!job.argv.empty() && !job.argv.front().empty(), at + " argv", "a program to run");
    need(job.nodes >= 1 && job.nodes <= plan.cluster_nodes, at + " nodes",
         "1 to the cluster's " + std::to_string(plan.cluster_nodes));
    need(job.tasks_per_node >= 1 && job.cores_per_task >= 1, at + " tasks_per_node",
         "at least 1 task per node and 1 core per task");
    need(time_ok(job.predicted_s) && time_ok(job.uncertainty_s) && time_ok(job.time_limit_s) &&
             time_ok(job.submit_s),
         at + " times", "finite, non-negative seconds");
    need(job.phase >= 1, at + " phase", "1 or more");
    phases.insert(job.phase);
  }
  need(*phases.rbegin() == static_cast<int>(phases.size()), "phases",
       "1, 2, ... without gaps (a phase runs after the one before it)");
}

}  // namespace hpcpat::emit
