// Reading a study spec: one function per part of the document, each given the node and its field
// path, so that every refusal names file, line and field (yaml_reader.hpp).
#include "hpcpat/study/study_spec.hpp"

#include <charconv>
#include <set>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/input_file.hpp"
#include "hpcpat/contract.h"
#include "hpcpat/study/builtin_apps.hpp"
#include "spec_fields.hpp"
#include "spec_values.hpp"

namespace hpcpat::study {
namespace {

class SpecReader {
 public:
  explicit SpecReader(std::string file) : y_(std::move(file)) {}

  StudySpec read(const YAML::Node &doc) {
    StudySpec s;
    s.file = y_.file();
    if (!doc.IsMap()) y_.fail(doc, "(document)", "a map with at least `name` and `cases`");
    y_.check_map(doc, "",
                 {"name", "description", "launcher", "nodes", "ranks_per_node", "threads_per_rank",
                  "repeats", "timeout", "env", "tags", "container", "scaling", "cases"});
    for (const char *required : {"name", "cases"}) {
      if (!doc[required]) y_.fail_got(doc, required, "this field", "no such key");
    }
    s.name = y_.name(doc["name"], "name");
    if (doc["description"]) s.description = y_.text(doc["description"], "description", 4096, true);
    if (doc["launcher"]) s.launcher = read_launcher(y_, doc["launcher"], "launcher");
    if (doc["nodes"]) s.nodes = read_nodes(y_, doc["nodes"], "nodes");
    if (doc["ranks_per_node"]) {
      s.ranks_per_node = count_field(y_, doc["ranks_per_node"], "ranks_per_node", kMaxRanksPerNode);
    }
    if (doc["threads_per_rank"]) {
      s.threads_per_rank =
          count_field(y_, doc["threads_per_rank"], "threads_per_rank", kMaxThreadsPerRank);
    }
    if (doc["repeats"]) s.repeats = count_field(y_, doc["repeats"], "repeats", kMaxRepeats);
    if (doc["timeout"]) s.timeout_s = read_timeout(y_, doc["timeout"], "timeout");
    if (doc["env"]) s.env = read_env(y_, doc["env"], "env");
    if (doc["tags"]) s.tags = read_tags(y_, doc["tags"], "tags");
    if (doc["container"]) {
      study_container_ = doc["container"];
      s.container = read_container(y_, study_container_, "container");
    }
    if (doc["scaling"]) {
      s.scaling = y_.choice(doc["scaling"], "scaling", {"strong", "weak"}) == "weak"
                      ? Scaling::weak
                      : Scaling::strong;
    }
    const std::vector<YAML::Node> cases = y_.list(doc["cases"], "cases", kMaxCases);
    std::set<std::string> names;
    for (std::size_t i = 0; i < cases.size(); ++i) {
      CaseSpec c = case_spec(cases[i], at("cases", i), s);
      if (!names.insert(c.name).second) {
        y_.fail_got(cases[i]["name"], at("cases", i) + ".name", "a name no other case has",
                    shown(c.name) + " again");
      }
      s.cases.push_back(std::move(c));
    }
    return s;
  }

 private:
  YamlReader y_;
  YAML::Node study_container_;  // the study's `container`, where its refusals point

  CaseSpec case_spec(const YAML::Node &n, const std::string &path, const StudySpec &s);
  std::vector<Parameter> parameters(const YAML::Node &n, const std::string &path,
                                    const BuiltinApp *app);
  std::vector<std::vector<std::string>> zips(const YAML::Node &n, const std::string &path,
                                             const std::vector<Parameter> &params);
  std::vector<WeakParam> weak(const YAML::Node &n, const std::string &path,
                              const std::vector<Parameter> &params, const BuiltinApp *app);
  void check_command(const YAML::Node &n, const std::string &path, const CaseSpec &c);
  void check_container_runs(const YAML::Node &n, const std::string &path, const CaseSpec &c,
                            const StudySpec &s) const;
};

const Parameter *find(const std::vector<Parameter> &params, std::string_view name) {
  for (const Parameter &p : params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

CaseSpec SpecReader::case_spec(const YAML::Node &n, const std::string &path, const StudySpec &s) {
  y_.check_map(n, path,
               {"name", "app", "command", "parameters", "zip", "weak", "nodes", "ranks_per_node",
                "repeats", "timeout", "env", "container"});
  CaseSpec c;
  if (!n["name"]) y_.fail_got(n, dot(path, "name"), "this field", "no such key");
  c.name = y_.name(n["name"], dot(path, "name"));
  if (static_cast<bool>(n["app"]) == static_cast<bool>(n["command"])) {
    y_.fail_got(n, path, "exactly one of `app` (a built-in) and `command` (an argv list)",
                n["app"] ? "both" : "neither");
  }
  const BuiltinApp *app = nullptr;
  if (n["app"]) {
    std::string names;
    for (const BuiltinApp &a : builtin_apps())
      names += (names.empty() ? "" : ", ") + std::string(a.name);
    c.app = y_.scalar(n["app"], dot(path, "app"), "one of " + names);
    app = find_builtin_app(c.app);
    if (app == nullptr) y_.fail(n["app"], dot(path, "app"), "one of " + names);
  } else {
    c.command = y_.strings(n["command"], dot(path, "command"), kMaxListEntries);
  }
  if (n["parameters"]) c.parameters = parameters(n["parameters"], dot(path, "parameters"), app);
  if (app != nullptr && !app->required.empty() && !find(c.parameters, app->required)) {
    y_.fail_got(n, dot(path, "parameters") + "." + std::string(app->required),
                "the " + std::string(app->required) + " to run (app " + c.app + ")", "no such key");
  }
  if (n["zip"]) c.zips = zips(n["zip"], dot(path, "zip"), c.parameters);
  if (n["weak"] && s.scaling != Scaling::weak) {
    y_.fail_got(n["weak"], dot(path, "weak"), "no `weak` rules under `scaling: strong`",
                "weak rules (set `scaling: weak` at the top)");
  }
  if (s.scaling == Scaling::weak) {
    if (!n["weak"]) {
      y_.fail_got(n, dot(path, "weak"),
                  "the parameters that grow with the node count (`scaling: weak`)", "no such key");
    }
    c.weak = weak(n["weak"], dot(path, "weak"), c.parameters, app);
  }
  if (n["nodes"]) c.nodes = read_nodes(y_, n["nodes"], dot(path, "nodes"));
  if (n["ranks_per_node"]) {
    c.ranks_per_node =
        count_field(y_, n["ranks_per_node"], dot(path, "ranks_per_node"), kMaxRanksPerNode);
  }
  if (n["repeats"]) c.repeats = count_field(y_, n["repeats"], dot(path, "repeats"), kMaxRepeats);
  if (n["timeout"]) c.timeout_s = read_timeout(y_, n["timeout"], dot(path, "timeout"));
  if (n["env"]) c.env = read_env(y_, n["env"], dot(path, "env"));
  if (n["container"]) c.container = read_container(y_, n["container"], dot(path, "container"));
  check_container_runs(n, path, c, s);
  const long long rpn = c.ranks_per_node.value_or(s.ranks_per_node);
  for (const int nodes : c.nodes.value_or(s.nodes)) {
    if (nodes * rpn > kMaxRanks) {
      y_.fail_got(n, path,
                  "at most " + std::to_string(kMaxRanks) + " ranks (nodes x ranks_per_node)",
                  std::to_string(nodes) + " x " + std::to_string(rpn));
    }
  }
  if (!c.command.empty()) check_command(n["command"], dot(path, "command"), c);
  return c;
}

std::vector<Parameter> SpecReader::parameters(const YAML::Node &n, const std::string &path,
                                              const BuiltinApp *app) {
  std::vector<Parameter> out;
  for (const auto &[name, value] : y_.entries(n, path, "a map of parameter names to values")) {
    const std::string field = dot(path, name);
    const AppParam *p = nullptr;
    if (app != nullptr) {
      p = find_param(*app, name);
      if (p == nullptr) {
        std::string names;
        for (const AppParam &a : app->params)
          names += (names.empty() ? "" : ", ") + std::string(a.name);
        y_.fail_got(value, field, "a parameter of " + std::string(app->name) + " (" + names + ")",
                    "the unknown parameter " + shown(name));
      }
    } else if (!valid_param_name(name)) {
      y_.fail_got(value, field, "a parameter name of [A-Za-z_][A-Za-z0-9_]{0,63}", shown(name));
    }
    for (const std::string_view fact : kRunFacts) {
      if (name == fact) {
        y_.fail_got(value, field,
                    "a name other than nodes, ranks, ranks_per_node, threads, "
                    "repeat (they are the run's own)",
                    shown(name));
      }
    }
    std::vector<YAML::Node> items;
    if (value.IsSequence()) {
      items = y_.list(value, field, kMaxListEntries);
    } else {
      items = {value};
    }
    Parameter param{name, {}};
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string vf = value.IsSequence() ? at(field, i) : field;
      const std::string expected = p ? describe_type(*p) : "a scalar value (text or a number)";
      std::string v = y_.scalar(items[i], vf, expected);
      if (v.find('\0') != std::string::npos || v.find('\n') != std::string::npos ||
          v.size() > 4096) {
        y_.fail(items[i], vf, "a value of at most 4096 bytes without NUL or newline");
      }
      if (p != nullptr && !why_not_value(*p, v).empty()) y_.fail(items[i], vf, expected);
      if (!seen.insert(v).second) y_.fail_got(items[i], vf, "each value once", shown(v) + " again");
      param.values.push_back(std::move(v));
    }
    out.push_back(std::move(param));
  }
  return out;
}

std::vector<std::vector<std::string>> SpecReader::zips(const YAML::Node &n, const std::string &path,
                                                       const std::vector<Parameter> &params) {
  std::vector<std::vector<std::string>> out;
  std::set<std::string> zipped;
  const std::vector<YAML::Node> groups = y_.list(n, path, kMaxListEntries);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::string gp = at(path, g);
    const std::vector<YAML::Node> names = y_.list(groups[g], gp, kMaxListEntries);
    if (names.size() < 2) y_.fail(groups[g], gp, "a list of at least 2 parameter names");
    std::vector<std::string> group;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string f = at(gp, i);
      const std::string name = y_.scalar(names[i], f, "a parameter name of this case");
      const Parameter *p = find(params, name);
      if (p == nullptr) y_.fail(names[i], f, "a parameter name of this case");
      if (!zipped.insert(name).second)
        y_.fail_got(names[i], f, "a parameter in one zip only", shown(name) + " again");
      const Parameter *first = find(params, group.empty() ? name : group.front());
      if (p->values.size() != first->values.size()) {
        y_.fail_got(names[i], f,
                    std::to_string(first->values.size()) + " values, as " + first->name + " has",
                    std::to_string(p->values.size()) + " values of " + name);
      }
      group.push_back(name);
    }
    out.push_back(std::move(group));
  }
  return out;
}

std::vector<WeakParam> SpecReader::weak(const YAML::Node &n, const std::string &path,
                                        const std::vector<Parameter> &params,
                                        const BuiltinApp *app) {
  std::vector<WeakParam> out;
  const auto entries = y_.entries(n, path, "a map of parameter names to linear, sqrt or cbrt");
  if (entries.empty()) y_.fail(n, path, "at least one parameter that grows with the node count");
  for (const auto &[name, rule] : entries) {
    const std::string field = dot(path, name);
    const Parameter *p = find(params, name);
    const AppParam *ap = app != nullptr ? find_param(*app, name) : nullptr;
    if (p == nullptr || (app != nullptr && (ap == nullptr || ap->type != ParamType::integer))) {
      y_.fail_got(rule, field, "an integer parameter of this case", shown(name));
    }
    for (const std::string &v : p->values) {
      long long x = 0;
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
      if (ec != std::errc() || end != v.data() + v.size() || x < 1) {
        y_.fail_got(rule, field, "a parameter whose values are positive integers",
                    shown(v) + " among its values");
      }
    }
    const std::string r = y_.choice(rule, field, {"linear", "sqrt", "cbrt"});
    out.push_back({name, r == "linear" ? WeakRule::linear
                         : r == "sqrt" ? WeakRule::sqrt
                                       : WeakRule::cbrt});
  }
  return out;
}

// A case in a container runs `hpcpat profile` inside the image, whose own mpirun starts the ranks
// on the node the runtime runs on: single-node runs under mpirun only, for now.
void SpecReader::check_container_runs(const YAML::Node &n, const std::string &path,
                                      const CaseSpec &c, const StudySpec &s) const {
  if (!c.container && !s.container) return;
  // Reported where the image was named: the case's own `container`, else the study's.
  const YAML::Node at = n["container"] ? n["container"] : study_container_;
  const std::string field = n["container"] ? dot(path, "container") : "container";
  for (const int nodes : c.nodes.value_or(s.nodes)) {
    if (nodes != 1) {
      y_.fail_got(at, field,
                  "single-node runs (the image's own mpirun starts the ranks inside it; "
                  "multi-node container runs are not supported yet)",
                  "a run on " + std::to_string(nodes) + " nodes (" +
                      (c.nodes ? dot(path, "nodes") : std::string("nodes")) + ")");
    }
  }
  if (s.launcher.name != "auto" && s.launcher.name != "mpirun") {
    y_.fail_got(at, field, "launcher mpirun or auto (the image's mpirun starts the ranks)",
                "launcher " + s.launcher.name);
  }
}

void SpecReader::check_command(const YAML::Node &n, const std::string &path, const CaseSpec &c) {
  std::set<std::string> used;
  for (std::size_t i = 0; i < c.command.size(); ++i) {
    std::string error;
    for (const std::string &name : references(c.command[i], error)) {
      bool known = find(c.parameters, name) != nullptr;
      for (const std::string_view fact : kRunFacts) known = known || name == fact;
      if (!known) {
        y_.fail_got(n[i], at(path, i),
                    "${NAME} of a parameter of this case or of nodes, ranks, "
                    "ranks_per_node, threads, repeat",
                    "${" + name + "}");
      }
      used.insert(name);
    }
    if (!error.empty()) y_.fail_got(n[i], at(path, i), "${NAME} references only", error);
  }
  for (const Parameter &p : c.parameters) {
    if (!used.contains(p.name)) {
      y_.fail_got(n, path,
                  "an argument using ${" + p.name +
                      "} (parameters of a command are "
                      "passed only where it says)",
                  "no such argument");
    }
  }
}

}  // namespace

StudySpec parse_study(std::string_view yaml, const std::string &file) {
  return SpecReader(file).read(yaml::load_document(yaml, file));
}

std::string read_spec_text(const std::filesystem::path &file) {
  InputFile in(file, kMaxSpecBytes);
  return in.read_all();
}

StudySpec load_study(const std::filesystem::path &file) {
  return parse_study(read_spec_text(file), file.string());
}

}  // namespace hpcpat::study
