#include "target_values.hpp"

#include <algorithm>

#include "hpcpat/patterns/rules.hpp"

namespace hpcpat::target {

using yaml::at;
using yaml::dot;
using yaml::number_text;
using yaml::shown;
using yaml::YamlReader;

namespace {

// A map whose `discriminator` picks one variant of a table that outlives the call (a distribution,
// an arrival shape); each variant has its own keys, all required. A key of another variant is named
// as such, so that `sigma` under a uniform distribution reads as the mistake it is rather than as
// an unknown word.
struct Variant {
  std::string_view name;
  std::vector<std::string_view> keys;
};

std::string joined(const std::vector<std::string_view> &words) {
  std::string out;
  for (std::string_view w : words) out += (out.empty() ? "" : ", ") + std::string(w);
  return out;
}

const Variant &read_variant(const YamlReader &y, const YAML::Node &n, const std::string &path,
                            const std::string &discriminator,
                            const std::vector<Variant> &variants) {
  std::vector<std::string_view> names;
  for (const Variant &v : variants) names.push_back(v.name);
  const std::vector<std::pair<std::string, YAML::Node>> entries =
      y.entries(n, path, "a map with `" + discriminator + "` (" + joined(names) + ")");
  y.require(n, path, {discriminator});
  const std::string field = dot(path, discriminator);
  const std::string chosen = y.scalar(n[discriminator], field, "one of " + joined(names));
  const auto it = std::find_if(variants.begin(), variants.end(),
                               [&](const Variant &v) { return v.name == chosen; });
  if (it == variants.end()) y.fail(n[discriminator], field, "one of " + joined(names));
  std::vector<std::string_view> own = {discriminator};
  own.insert(own.end(), it->keys.begin(), it->keys.end());
  for (const auto &[key, value] : entries) {
    if (std::find(own.begin(), own.end(), key) != own.end()) continue;
    const std::string expected =
        "only the keys of " + discriminator + " " + chosen + " (" + joined(own) + ")";
    for (const Variant &other : variants) {
      if (std::find(other.keys.begin(), other.keys.end(), key) != other.keys.end()) {
        y.fail_got(value, yaml::key_field(path, key), expected,
                   shown(key) + ", a key of " + discriminator + " " + std::string(other.name));
      }
    }
    y.fail_got(value, yaml::key_field(path, key), expected, "the unknown key " + shown(key));
  }
  for (std::string_view key : it->keys) y.require(n, path, {key});
  return *it;
}

double seconds(const YamlReader &y, const YAML::Node &n, const std::string &path) {
  return y.number(n, path, 0, kMaxSeconds, true);
}

}  // namespace

Work read_work(const YamlReader &y, const YAML::Node &group, const std::string &path,
               int cluster_nodes) {
  std::vector<std::string_view> given;
  for (std::string_view key : {"jobs", "node_hours", "makespan_s"}) {
    if (group[std::string(key)]) given.push_back(key);
  }
  if (given.size() != 1) {
    y.fail_got(group, path, "exactly one of `jobs`, `node_hours` and `makespan_s`",
               given.empty() ? "none" : joined(given));
  }
  Work w;
  if (group["jobs"]) {
    w.kind = Work::Kind::jobs;
    w.jobs = static_cast<int>(y.integer(group["jobs"], dot(path, "jobs"), 1, kMaxJobs));
  } else if (group["node_hours"]) {
    // At most what the whole cluster gives in the longest makespan.
    w.kind = Work::Kind::node_hours;
    w.node_hours = y.number(group["node_hours"], dot(path, "node_hours"), 0,
                            cluster_nodes * kMaxSeconds / 3600, true);
  } else {
    w.kind = Work::Kind::makespan;
    w.makespan_s = seconds(y, group["makespan_s"], dot(path, "makespan_s"));
  }
  return w;
}

Durations read_durations(const YamlReader &y, const YAML::Node &n, const std::string &path) {
  static const std::vector<Variant> kDistributions = {
      {"fixed", {"seconds"}},
      {"uniform", {"min_s", "max_s"}},
      {"lognormal", {"median_s", "sigma", "min_s", "max_s"}},
      {"empirical", {"values_s"}}};
  const Variant &v = read_variant(y, n, path, "distribution", kDistributions);
  Durations d;
  if (v.name == "fixed") {
    d.shape = Durations::Shape::fixed;
    d.seconds = seconds(y, n["seconds"], dot(path, "seconds"));
    d.min_s = d.max_s = d.seconds;
    return d;
  }
  if (v.name == "empirical") {
    d.shape = Durations::Shape::empirical;
    const std::vector<YAML::Node> items =
        y.list(n["values_s"], dot(path, "values_s"), kMaxEmpiricalValues);
    for (std::size_t i = 0; i < items.size(); ++i) {
      d.values_s.push_back(seconds(y, items[i], at(dot(path, "values_s"), i)));
    }
    const auto [lo, hi] = std::minmax_element(d.values_s.begin(), d.values_s.end());
    d.min_s = *lo;
    d.max_s = *hi;
    return d;
  }
  d.min_s = seconds(y, n["min_s"], dot(path, "min_s"));
  d.max_s = seconds(y, n["max_s"], dot(path, "max_s"));
  if (d.max_s <= d.min_s) {
    y.fail(n["max_s"], dot(path, "max_s"), "a number above min_s (" + number_text(d.min_s) + ")");
  }
  if (v.name == "uniform") {
    d.shape = Durations::Shape::uniform;
    return d;
  }
  d.shape = Durations::Shape::lognormal;
  d.median_s = seconds(y, n["median_s"], dot(path, "median_s"));
  if (d.median_s < d.min_s || d.median_s > d.max_s) {
    y.fail(n["median_s"], dot(path, "median_s"),
           "a number from min_s to max_s (" + number_text(d.min_s) + " to " + number_text(d.max_s) +
               ")");
  }
  d.sigma = y.number(n["sigma"], dot(path, "sigma"), 0, kMaxSigma, true);
  return d;
}

Mix read_mix(const YamlReader &y, const YAML::Node &group, const std::string &path) {
  const bool patterns = static_cast<bool>(group["patterns"]);
  if (patterns == static_cast<bool>(group["apps"])) {
    y.fail_got(group, path, "exactly one of `patterns` (labels) and `apps` (names) with weights",
               patterns ? "both" : "neither");
  }
  Mix mix;
  mix.kind = patterns ? Mix::Kind::patterns : Mix::Kind::apps;
  const std::string field = dot(path, patterns ? "patterns" : "apps");
  const YAML::Node n = group[patterns ? "patterns" : "apps"];
  const std::string expected = "a map of 1 to " + std::to_string(kMaxMixEntries) + " " +
                               (patterns ? "pattern labels" : "app names") + " to weights";
  const auto entries = y.entries(n, field, expected);
  if (entries.empty() || entries.size() > kMaxMixEntries) {
    y.fail_got(n, field, expected, "a map of " + std::to_string(entries.size()));
  }
  std::vector<std::string_view> labels(patterns::kLabelNames.begin(), patterns::kLabelNames.end());
  for (const auto &[name, value] : entries) {
    if (patterns && std::find(labels.begin(), labels.end(), name) == labels.end()) {
      y.fail_got(value, yaml::key_field(field, name), "a pattern label (" + joined(labels) + ")",
                 "the unknown label " + shown(name));
    }
    if (!patterns && !yaml::valid_name(name)) {
      y.fail_got(value, yaml::key_field(field, name),
                 "an app or case name of 1 to 64 characters from [A-Za-z0-9._-], starting with a "
                 "letter or digit",
                 shown(name));
    }
    mix.entries.push_back({name, y.number(value, dot(field, name), 0, kMaxWeight, true)});
  }
  return mix;
}

std::vector<int> read_node_counts(const YamlReader &y, const YAML::Node &n, const std::string &path,
                                  int cluster_nodes) {
  std::vector<int> out;
  const std::vector<YAML::Node> items = y.list(n, path, kMaxNodeCounts);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const int v = static_cast<int>(y.integer(items[i], at(path, i), 1, kMaxClusterNodes));
    if (v > cluster_nodes) {
      y.fail(items[i], at(path, i),
             "a node count of at most cluster.nodes (" + std::to_string(cluster_nodes) + ")");
    }
    if (!out.empty() && v <= out.back()) {
      y.fail(items[i], at(path, i),
             "a node count above " + std::to_string(out.back()) + " (ascending, each once)");
    }
    out.push_back(v);
  }
  return out;
}

Arrival read_arrival(const YamlReader &y, const YAML::Node &n, const std::string &path,
                     const Work &work) {
  static const std::vector<Variant> kShapes = {
      {"at_start", {}}, {"waves", {"count", "interval_s"}}, {"poisson", {"rate_per_minute"}}};
  const Variant &v = read_variant(y, n, path, "shape", kShapes);
  Arrival a;
  if (v.name == "waves") {
    a.shape = Arrival::Shape::waves;
    a.waves = static_cast<int>(y.integer(n["count"], dot(path, "count"), 1, kMaxJobs));
    if (work.kind == Work::Kind::jobs && a.waves > work.jobs) {
      y.fail(n["count"], dot(path, "count"),
             "at most the group's jobs (" + std::to_string(work.jobs) + ") waves");
    }
    a.interval_s = seconds(y, n["interval_s"], dot(path, "interval_s"));
    const double last = (a.waves - 1) * a.interval_s;
    if (last > kMaxSeconds) {
      y.fail_got(n["interval_s"], dot(path, "interval_s"),
                 "the last wave at most " + number_text(kMaxSeconds) +
                     " s after the first ((count - 1) x interval_s)",
                 number_text(last) + " s");
    }
  } else if (v.name == "poisson") {
    a.shape = Arrival::Shape::poisson;
    const std::string field = dot(path, "rate_per_minute");
    a.rate_per_minute = y.number(n["rate_per_minute"], field, 0, kMaxRatePerMinute, true);
    if (60 / a.rate_per_minute > kMaxSeconds) {
      y.fail(n["rate_per_minute"], field,
             "a rate whose mean gap (60 / rate_per_minute) is at most " + number_text(kMaxSeconds) +
                 " s");
    }
  }
  return a;
}

}  // namespace hpcpat::target
