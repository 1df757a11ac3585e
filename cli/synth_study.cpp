#include "synth_study.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/input_file.hpp"
#include "hpcpat/json/json_node.hpp"
#include "hpcpat/study/plan.hpp"
#include "hpcpat/study/study_spec.hpp"

namespace hpcpat::cli {
namespace {

// A parameter's value as the study spec writes it: numbers and flags plain, text as text.
std::string spec_value(const nlohmann::json &v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

void emit_case(YAML::Emitter &y, const emit::PlannedJob &job) {
  y << YAML::BeginMap << YAML::Key << "name" << YAML::Value << job.name;
  y << YAML::Key << "app" << YAML::Value << job.app;
  if (job.parameters.is_object() && !job.parameters.empty()) {
    y << YAML::Key << "parameters" << YAML::Value << YAML::BeginMap;
    for (const auto &[name, value] : job.parameters.items()) {
      y << YAML::Key << name << YAML::Value;
      // Numbers and flags stay plain scalars (the spec's types); text is quoted as needed.
      if (value.is_string()) y << YAML::DoubleQuoted << spec_value(value);
      else y << spec_value(value);
    }
    y << YAML::EndMap;
  }
  y << YAML::Key << "nodes" << YAML::Value << YAML::Flow << YAML::BeginSeq << job.nodes
    << YAML::EndSeq;
  y << YAML::Key << "ranks_per_node" << YAML::Value << job.tasks_per_node;
  // The scheduler's limit the ensemble gives the job is its time limit here too.
  if (job.time_limit_s >= 1)
    y << YAML::Key << "timeout" << YAML::Value << static_cast<long long>(std::ceil(job.time_limit_s));
  y << YAML::EndMap;
}

}  // namespace

std::string ensemble_study_yaml(const std::string &study, const std::vector<emit::PlannedJob> &jobs,
                                const std::string &launcher) {
  if (jobs.empty()) throw InputError("the ensemble has no jobs");
  const int threads = jobs.front().cores_per_task;
  for (const emit::PlannedJob &job : jobs) {
    if (job.cores_per_task != threads)
      throw InputError("job " + job.name + ": " + std::to_string(job.cores_per_task) +
                       " cores per task, but job " + jobs.front().name + " has " +
                       std::to_string(threads) + ": one study runs one thread count");
  }
  YAML::Emitter y;
  y << YAML::BeginMap;
  y << YAML::Key << "name" << YAML::Value << study;
  y << YAML::Key << "description" << YAML::Value
    << "The jobs of an ensemble planned by hpcpat synth, run once each to validate the plan";
  y << YAML::Key << "launcher" << YAML::Value << launcher;
  y << YAML::Key << "tags" << YAML::Value << YAML::BeginMap << YAML::Key << kValidationTagKey
    << YAML::Value << kValidationTagValue << YAML::EndMap;
  y << YAML::Key << "threads_per_rank" << YAML::Value << threads;
  y << YAML::Key << "cases" << YAML::Value << YAML::BeginSeq;
  for (const emit::PlannedJob &job : jobs) emit_case(y, job);
  y << YAML::EndSeq << YAML::EndMap;
  return std::string(y.c_str()) + "\n";
}

bool is_validation_study(const std::string &spec_text, const std::string &file) {
  const study::StudySpec spec = study::parse_study(spec_text, file);
  return std::find(spec.tags.begin(), spec.tags.end(),
                   study::NameValue{kValidationTagKey, kValidationTagValue}) != spec.tags.end();
}

std::vector<std::string> job_argv(const emit::PlannedJob &job, const std::filesystem::path &bin_dir) {
  // The study's own expansion says which flags an app takes: one owner of the app's words.
  const std::string text = ensemble_study_yaml("argv", {job}, "auto");
  const study::Plan plan = study::expand(study::parse_study(text, "job " + job.name));
  std::vector<std::string> argv = plan.runs.front().argv;
  if (plan.runs.front().builtin) argv.front() = (bin_dir / argv.front()).string();
  return argv;
}

emit::EnsemblePlan read_plan_json(const std::filesystem::path &file) {
  return parse_plan_json(InputFile(file, kMaxPlanBytes).read_all(), file.string());
}

emit::EnsemblePlan parse_plan_json(const std::string &text, const std::string &source) {
  const nlohmann::json doc = parse_json_text(text, source);
  const JsonNode root(doc, source);
  if (root.member("schema").string() != "hpcpat.ensemble-plan.v1")
    root.member("schema").fail("\"hpcpat.ensemble-plan.v1\" (a plan.json of hpcpat synth)");
  emit::EnsemblePlan plan;
  plan.name = root.member("name").nonempty_string();
  plan.seed = root.member("seed").count();
  plan.cluster_nodes = static_cast<int>(root.member("cluster_nodes").integer(1, 65536));
  plan.image = root.member("image").string();
  plan.workdir = root.member("workdir").string();
  plan.generated_by = root.member("generated_by").string();
  const JsonNode jobs = root.member("jobs");
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const JsonNode j = jobs.element(i);
    emit::PlannedJob job;
    job.name = j.member("name").nonempty_string();
    job.app = j.member("app").nonempty_string();
    const JsonNode argv = j.member("argv");
    for (std::size_t k = 0; k < argv.size(); ++k) job.argv.push_back(argv.element(k).string());
    j.member("parameters").require_object();
    job.parameters = doc["jobs"][i]["parameters"];
    job.nodes = static_cast<int>(j.member("nodes").integer(1, plan.cluster_nodes));
    job.tasks_per_node = static_cast<int>(j.member("tasks_per_node").integer(1, 4096));
    job.cores_per_task = static_cast<int>(j.member("cores_per_task").integer(1, 1024));
    job.predicted_s = j.member("predicted_s").number(0);
    job.uncertainty_s = j.member("uncertainty_s").number(0);
    job.time_limit_s = j.member("time_limit_s").number(0);
    job.pattern = j.member("pattern").string();
    job.phase = static_cast<int>(j.member("phase").integer(1, 1 << 20));
    job.submit_s = j.member("submit_s").number(0);
    const JsonNode runs = j.member("source_runs");
    for (std::size_t k = 0; k < runs.size(); ++k) job.source_runs.push_back(runs.element(k).string());
    plan.jobs.push_back(std::move(job));
  }
  return plan;
}

}  // namespace hpcpat::cli
