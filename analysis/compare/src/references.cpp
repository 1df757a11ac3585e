// References read from YAML (yaml-cpp) and checked against NEW's medians (references.hpp).
#include "hpcpat/compare/references.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <set>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/input_file.hpp"
#include "hpcpat/compare/stats.hpp"

namespace hpcpat::compare {
namespace {

constexpr std::uint64_t kMaxBytes = std::uint64_t{16} << 20;  // far above any list of references

struct Reader {
  std::string file;

  std::string at(const YAML::Node &n) const {
    return file + ":" + std::to_string(n.Mark().line + 1);
  }
  [[noreturn]] void bad(const YAML::Node &n, const std::string &field,
                        const std::string &expected) const {
    throw InputError(at(n) + ": " + field + ": expected " + expected);
  }
  double number(const YAML::Node &n, const std::string &field) const {
    double v = 0;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v)) {
      bad(n, field, "a finite number");
    }
    return v;
  }
  int count(const YAML::Node &n, const std::string &field) const {
    int v = 0;
    if (!n.IsScalar() || !YAML::convert<int>::decode(n, v) || v < 1) {
      bad(n, field, "a whole number >= 1");
    }
    return v;
  }
  std::string text(const YAML::Node &n, const std::string &field) const {
    if (!n.IsScalar()) bad(n, field, "a string");
    return n.Scalar();
  }
  std::optional<double> bound(const YAML::Node &n, const std::string &field, int sign) const {
    if (n.IsNull()) return std::nullopt;
    const double v = number(n, field);
    if (v * sign < 0) bad(n, field, sign < 0 ? "a number <= 0 or null" : "a number >= 0 or null");
    return v;
  }
  nlohmann::json scalar_json(const YAML::Node &n, const std::string &field) const {
    if (!n.IsScalar()) bad(n, field, "a number or a string");
    if (n.Tag() != "!") {  // plain scalars: numbers and booleans as the study spec reads them
      long long i = 0;
      double d = 0;
      bool b = false;
      if (YAML::convert<long long>::decode(n, i)) return i;
      if (YAML::convert<double>::decode(n, d)) return d;
      if (YAML::convert<bool>::decode(n, b)) return b;
    }
    return n.Scalar();
  }

  Reference entry(const YAML::Node &n, const std::string &path) const {
    if (!n.IsMap()) bad(n, path, "a map with case, value, lower, upper, unit");
    static const std::set<std::string> known = {"case",  "nodes", "ranks", "parameters", "metric",
                                                "value", "lower", "upper", "unit"};
    for (const auto &kv : n) {
      const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
      if (!known.contains(key)) {
        bad(kv.first, path + "." + key,
            "one of case, nodes, ranks, parameters, metric, value, lower, upper, unit");
      }
    }
    for (const char *required : {"case", "value", "lower", "upper", "unit"}) {
      if (!n[required]) bad(n, path + "." + required, "this field (required)");
    }
    Reference r;
    r.where = at(n);
    r.case_name = text(n["case"], path + ".case");
    if (n["nodes"]) r.nodes = count(n["nodes"], path + ".nodes");
    if (n["ranks"]) r.ranks = count(n["ranks"], path + ".ranks");
    if (const YAML::Node p = n["parameters"]) {
      if (!p.IsMap()) bad(p, path + ".parameters", "a map of parameter names to values");
      for (const auto &kv : p) {
        const std::string name = text(kv.first, path + ".parameters");
        r.parameters[name] = scalar_json(kv.second, path + ".parameters." + name);
      }
    }
    if (const YAML::Node m = n["metric"]) {
      r.metric = parse_metric(text(m, path + ".metric"));
      if (!r.metric) bad(m, path + ".metric", "wall, fom or mpi-fraction");
    }
    r.value = number(n["value"], path + ".value");
    r.lower = bound(n["lower"], path + ".lower", -1);
    r.upper = bound(n["upper"], path + ".upper", +1);
    r.unit = n["unit"].IsNull() ? "" : text(n["unit"], path + ".unit");
    return r;
  }
};

bool matches(const Reference &r, const Series &s) {
  if (r.case_name != s.case_name) return false;
  if (r.nodes && r.nodes != s.nodes) return false;
  if (r.ranks && r.ranks != s.ranks) return false;
  for (const auto &[name, value] : r.parameters.items()) {
    const auto it = s.parameters.find(name);
    if (it == s.parameters.end()) return false;
    // The store keeps parameters as the spec wrote them: 64 and "64" are one value.
    const std::string mine = value.is_string() ? value.get<std::string>() : value.dump();
    const std::string theirs = it->is_string() ? it->get<std::string>() : it->dump();
    if (mine != theirs) return false;
  }
  return true;
}

}  // namespace

std::optional<double> Reference::lowest() const {
  if (!lower) return std::nullopt;
  return value + *lower * std::fabs(value);
}

std::optional<double> Reference::highest() const {
  if (!upper) return std::nullopt;
  return value + *upper * std::fabs(value);
}

std::string_view reference_status_name(ReferenceStatus s) {
  switch (s) {
    case ReferenceStatus::pass:
      return "pass";
    case ReferenceStatus::fail:
      return "fail";
    case ReferenceStatus::missing:
      return "missing";
  }
  return "missing";
}

std::vector<Reference> read_references(const std::filesystem::path &file) {
  InputFile in(file, kMaxBytes);
  const std::string text = in.read_all();
  const Reader reader{file.string()};
  YAML::Node doc;
  try {
    doc = YAML::Load(text);
  } catch (const YAML::Exception &e) {
    throw InputError(reader.file + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML (" +
                     e.msg + "); expected a map with 'references'");
  }
  if (!doc.IsMap() || !doc["references"]) {
    throw InputError(reader.file + ":1: references: expected a map with a 'references' list");
  }
  for (const auto &kv : doc) {
    if (!kv.first.IsScalar() || kv.first.Scalar() != "references") {
      reader.bad(kv.first, kv.first.IsScalar() ? kv.first.Scalar() : "?",
                 "only 'references' at the top level");
    }
  }
  const YAML::Node list = doc["references"];
  if (!list.IsSequence()) reader.bad(list, "references", "a list of references");
  std::vector<Reference> refs;
  for (std::size_t i = 0; i < list.size(); ++i) {
    refs.push_back(reader.entry(list[i], "references[" + std::to_string(i) + "]"));
  }
  return refs;
}

std::vector<ReferenceCheck> check_references(const std::vector<Reference> &references,
                                             const MeasurementSet &next) {
  std::vector<ReferenceCheck> checks;
  for (const Reference &r : references) {
    if (r.metric && *r.metric != next.metric) continue;
    if (!next.unit.empty() && r.unit != next.unit) {
      throw InputError(r.where + ": unit: expected '" + next.unit + "' for --metric " +
                       std::string(metric_name(next.metric)) + ", not '" + r.unit + "'");
    }
    bool found = false;
    for (const Series &s : next.series) {
      if (!matches(r, s) || s.values.empty()) continue;
      found = true;
      ReferenceCheck c;
      c.reference = &r;
      c.series = &s;
      c.measured = median(s.values);
      const bool low_ok = !r.lowest() || *c.measured >= *r.lowest();
      const bool high_ok = !r.highest() || *c.measured <= *r.highest();
      c.status = low_ok && high_ok ? ReferenceStatus::pass : ReferenceStatus::fail;
      checks.push_back(c);
    }
    if (!found)
      checks.push_back(ReferenceCheck{&r, nullptr, std::nullopt, ReferenceStatus::missing});
  }
  return checks;
}

bool references_failed(const std::vector<ReferenceCheck> &checks) {
  for (const ReferenceCheck &c : checks) {
    if (c.status != ReferenceStatus::pass) return true;
  }
  return false;
}

}  // namespace hpcpat::compare
