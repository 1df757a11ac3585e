// Reading a target spec: the document and its groups here, each group's parts in
// target_values.cpp; every refusal names file, line and field (core/yaml's wording).
#include "hpcpat/target/target_spec.hpp"

#include <limits>
#include <stdexcept>

#include "hpcpat/base/input_file.hpp"
#include "target_values.hpp"

namespace hpcpat::target {

using yaml::at;
using yaml::dot;
using yaml::shown;
using yaml::YamlReader;

namespace {

class TargetReader {
 public:
  explicit TargetReader(std::string file) : y_(std::move(file)) {}

  TargetSpec read(const YAML::Node &doc) {
    TargetSpec s;
    s.file = y_.file();
    if (!doc.IsMap()) {
      y_.fail(doc, "(document)", "a map with at least `ensemble`, `cluster` and `groups`");
    }
    y_.check_map(doc, "",
                 {"ensemble", "seed", "cluster", "image", "workdir", "time_limit", "groups"});
    y_.require(doc, "", {"ensemble", "cluster", "groups"});
    s.ensemble = y_.name(doc["ensemble"], "ensemble");
    if (doc["seed"]) {
      s.seed = static_cast<std::uint64_t>(
          y_.integer(doc["seed"], "seed", 0, std::numeric_limits<std::int64_t>::max()));
    }
    const YAML::Node cluster = doc["cluster"];
    y_.check_map(cluster, "cluster", {"nodes"});
    y_.require(cluster, "cluster", {"nodes"});
    s.cluster_nodes =
        static_cast<int>(y_.integer(cluster["nodes"], "cluster.nodes", 1, kMaxClusterNodes));
    if (doc["image"]) {
      s.image = y_.text(doc["image"], "image", 512);
      if (s.image.find_first_of(" \t") != std::string::npos) {
        y_.fail(doc["image"], "image", "an image reference without whitespace");
      }
    }
    if (doc["workdir"]) {
      s.workdir = y_.text(doc["workdir"], "workdir", 4096);
      if (s.workdir.front() != '/') y_.fail(doc["workdir"], "workdir", "an absolute path");
    }
    if (doc["time_limit"]) {
      s.time_limit_factor =
          y_.number(doc["time_limit"], "time_limit", kMinTimeLimitFactor, kMaxTimeLimitFactor);
    }
    const std::vector<YAML::Node> groups = y_.list(doc["groups"], "groups", kMaxGroups);
    for (std::size_t i = 0; i < groups.size(); ++i) {
      s.groups.push_back(group(groups[i], at("groups", i), s));
    }
    check_names(groups, s);
    return s;
  }

 private:
  YamlReader y_;
  long long fixed_jobs_ = 0;  // the jobs of groups with `jobs: N`, for the ensemble's cap

  GroupSpec group(const YAML::Node &n, const std::string &path, const TargetSpec &s) {
    y_.check_map(n, path,
                 {"name", "after", "jobs", "node_hours", "makespan_s", "durations", "patterns",
                  "apps", "nodes", "arrival"});
    y_.require(n, path, {"name", "durations", "nodes"});
    GroupSpec g;
    g.line = y_.line(n);
    g.name = y_.name(n["name"], dot(path, "name"));
    if (n["after"]) g.after = y_.name(n["after"], dot(path, "after"));
    g.work = read_work(y_, n, path, s.cluster_nodes);
    if (g.work.kind == Work::Kind::jobs) {
      fixed_jobs_ += g.work.jobs;
      if (fixed_jobs_ > kMaxJobs) {
        y_.fail_got(n["jobs"], dot(path, "jobs"),
                    "at most " + std::to_string(kMaxJobs) + " jobs over all groups",
                    std::to_string(fixed_jobs_) + " with this group's");
      }
    }
    g.durations = read_durations(y_, n["durations"], dot(path, "durations"));
    g.mix = read_mix(y_, n, path);
    g.nodes = read_node_counts(y_, n["nodes"], dot(path, "nodes"), s.cluster_nodes);
    if (n["arrival"]) g.arrival = read_arrival(y_, n["arrival"], dot(path, "arrival"), g.work);
    return g;
  }

  // Names once each, and every `after` naming a group listed before its own: so phases follow
  // the spec's order and can never form a cycle.
  void check_names(const std::vector<YAML::Node> &nodes, const TargetSpec &s) const {
    for (std::size_t i = 0; i < s.groups.size(); ++i) {
      const GroupSpec &g = s.groups[i];
      for (std::size_t j = 0; j < i; ++j) {
        if (s.groups[j].name == g.name) {
          y_.fail_got(nodes[i]["name"], at("groups", i) + ".name", "a name no other group has",
                      shown(g.name) + " again");
        }
      }
      if (!g.after) continue;
      std::string why = " (no group has that name)";
      for (std::size_t j = 0; j < s.groups.size(); ++j) {
        if (s.groups[j].name != *g.after) continue;
        if (j < i) {
          why.clear();
        } else {
          why = j == i ? " (this group itself)" : " (a group listed after this one)";
        }
        break;
      }
      if (!why.empty()) {
        y_.fail_got(nodes[i]["after"], at("groups", i) + ".after",
                    "the name of a group listed before this one", shown(*g.after) + why);
      }
    }
  }
};

}  // namespace

int TargetSpec::phase_of(const GroupSpec &g) const {
  int phase = 1;
  const GroupSpec *current = &g;
  // A read spec's `after` always names an earlier group; the bound keeps a spec built by hand
  // with a cycle from looping.
  while (current->after) {
    const GroupSpec *before = nullptr;
    for (const GroupSpec &other : groups) {
      if (other.name == *current->after) before = &other;
    }
    if (before == nullptr || phase > static_cast<int>(groups.size())) {
      throw std::invalid_argument("target spec: group " + current->name + " comes after " +
                                  *current->after + ", which is not an earlier group");
    }
    current = before;
    ++phase;
  }
  return phase;
}

TargetSpec parse_target(std::string_view yaml, const std::string &file) {
  return TargetReader(file).read(yaml::load_document(yaml, file));
}

TargetSpec load_target(const std::filesystem::path &file) {
  InputFile in(file, kMaxSpecBytes);
  return parse_target(in.read_all(), file.string());
}

}  // namespace hpcpat::target
