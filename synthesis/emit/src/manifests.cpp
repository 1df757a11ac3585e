// ensemble-python's ensemble.yaml and the two Kubernetes manifests (MiniCluster, Ensemble).
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "hpcpat/base/display_command.hpp"
#include "hpcpat/emit/emit.hpp"

namespace hpcpat::emit {
namespace {

// A Kubernetes object name (RFC 1123 label): lower case, '.' and '_' as '-', alphanumeric ends.
std::string kubernetes_name(const std::string &name) {
  std::string out;
  for (char c : name) {
    out += std::isalnum(static_cast<unsigned char>(c))
               ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
               : '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.substr(0, 63);
}

// A command line ensemble-python splits with Python's shlex (POSIX mode) back into argv.
std::string command_line(const PlannedJob &job) {
  std::string line;
  for (const std::string &w : command_words(job)) line += (line.empty() ? "" : " ") + shell_quote(w);
  return line;
}

long long whole_seconds(double s) { return static_cast<long long>(std::ceil(s)); }

// Per phase, the job predicted to end last (arrival + prediction): the one whose finish starts
// the next phase.
std::map<int, const PlannedJob *> phase_anchors(const EnsemblePlan &plan) {
  std::map<int, const PlannedJob *> last;
  for (const PlannedJob &job : plan.jobs) {
    const PlannedJob *&slot = last[job.phase];
    if (slot == nullptr ||
        job.submit_s + job.predicted_s > slot->submit_s + slot->predicted_s) {
      slot = &job;
    }
  }
  return last;
}

void submit_rule(YAML::Emitter &y, const std::string &label) {
  y << YAML::Key << "action" << YAML::Value << YAML::BeginMap << YAML::Key << "name"
    << YAML::Value << "submit" << YAML::Key << "label" << YAML::Value << label << YAML::EndMap;
}

void after_rule(YAML::Emitter &y, const PlannedJob &anchor) {
  y << YAML::Key << "trigger" << YAML::Value << "metric";
  y << YAML::Key << "name" << YAML::Value << "count." + anchor.name + ".finished";
  y << YAML::Key << "when" << YAML::Value << 1;
}

}  // namespace

std::vector<std::string> command_words(const PlannedJob &job) {
  std::vector<std::string> words;
  if (!job.env.empty()) {
    words.push_back("env");
    for (const auto &[key, value] : job.env) words.push_back(key + "=" + value);
  }
  words.insert(words.end(), job.argv.begin(), job.argv.end());
  return words;
}

std::string ensemble_python_yaml(const EnsemblePlan &plan) {
  YAML::Emitter y;
  y << YAML::BeginMap;
  y << YAML::Key << "logging" << YAML::Value << YAML::BeginMap << YAML::Key << "debug"
    << YAML::Value << false << YAML::EndMap;
  y << YAML::Key << "jobs" << YAML::Value << YAML::BeginSeq;
  for (const PlannedJob &job : plan.jobs) {
    y << YAML::BeginMap;
    y << YAML::Key << "name" << YAML::Value << job.name;
    y << YAML::Key << "command" << YAML::Value << YAML::DoubleQuoted << command_line(job);
    y << YAML::Key << "count" << YAML::Value << 1;
    y << YAML::Key << "nodes" << YAML::Value << job.nodes;
    y << YAML::Key << "tasks" << YAML::Value << job.tasks();
    y << YAML::Key << "duration" << YAML::Value << whole_seconds(job.time_limit_s);
    if (!plan.workdir.empty()) y << YAML::Key << "workdir" << YAML::Value << plan.workdir;
    y << YAML::EndMap;
  }
  y << YAML::EndSeq;

  const std::map<int, const PlannedJob *> anchors = phase_anchors(plan);
  y << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
  for (const PlannedJob &job : plan.jobs) {
    y << YAML::BeginMap;
    if (job.phase == 1) {
      y << YAML::Key << "trigger" << YAML::Value << "start";
    } else {
      after_rule(y, *anchors.at(job.phase - 1));
    }
    submit_rule(y, job.name);
    y << YAML::EndMap;
  }
  // Without a terminate rule the ensemble waits forever: stop after the last phase's last job.
  y << YAML::BeginMap;
  after_rule(y, *anchors.rbegin()->second);
  y << YAML::Key << "action" << YAML::Value << YAML::BeginMap << YAML::Key << "name"
    << YAML::Value << "terminate" << YAML::EndMap;
  y << YAML::EndMap;
  y << YAML::EndSeq << YAML::EndMap;
  return std::string(y.c_str()) + "\n";
}

namespace {

void minicluster_spec(YAML::Emitter &y, const EnsemblePlan &plan, bool with_script) {
  y << YAML::BeginMap;
  y << YAML::Key << "size" << YAML::Value << plan.cluster_nodes;
  y << YAML::Key << "containers" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  // None given: the operator's default (its CRD's), which the caller is told lacks our apps.
  if (!plan.image.empty()) y << YAML::Key << "image" << YAML::Value << plan.image;
  if (!plan.workdir.empty()) y << YAML::Key << "workingDir" << YAML::Value << plan.workdir;
  if (with_script) {
    // The operator writes `command` into a script for flux batch: submit.sh, whole.
    y << YAML::Key << "batch" << YAML::Value << true;
    y << YAML::Key << "command" << YAML::Value << YAML::Literal << flux_batch_script(plan);
  }
  y << YAML::EndMap << YAML::EndSeq;
  y << YAML::EndMap;
}

}  // namespace

std::string minicluster_yaml(const EnsemblePlan &plan) {
  YAML::Emitter y;
  y << YAML::BeginMap;
  y << YAML::Key << "apiVersion" << YAML::Value << "flux-framework.org/v1alpha2";
  y << YAML::Key << "kind" << YAML::Value << "MiniCluster";
  y << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap << YAML::Key << "name"
    << YAML::Value << kubernetes_name(plan.name) << YAML::EndMap;
  y << YAML::Key << "spec" << YAML::Value;
  minicluster_spec(y, plan, true);
  y << YAML::EndMap;
  return std::string(y.c_str()) + "\n";
}

std::string ensemble_crd_yaml(const EnsemblePlan &plan) {
  YAML::Emitter y;
  y << YAML::BeginMap;
  y << YAML::Key << "apiVersion" << YAML::Value << "ensemble.flux-framework.org/v1alpha1";
  y << YAML::Key << "kind" << YAML::Value << "Ensemble";
  y << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap << YAML::Key << "name"
    << YAML::Value << kubernetes_name(plan.name) << YAML::EndMap;
  y << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
  y << YAML::Key << "members" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  // The operator runs ensemble-python in the MiniCluster's first container with this file.
  y << YAML::Key << "minicluster" << YAML::Value << YAML::BeginMap << YAML::Key << "spec"
    << YAML::Value;
  minicluster_spec(y, plan, false);
  y << YAML::EndMap;
  y << YAML::Key << "ensemble" << YAML::Value << YAML::Literal << ensemble_python_yaml(plan);
  y << YAML::EndMap << YAML::EndSeq;
  y << YAML::EndMap << YAML::EndMap;
  return std::string(y.c_str()) + "\n";
}

}  // namespace hpcpat::emit
