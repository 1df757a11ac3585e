#include "hpcpat/report/caliper_split.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>

namespace hpcpat::report {
namespace {

using nlohmann::json;

constexpr std::string_view kPathColumn = "path";

// The columns in order, and whether each is a value (a reference otherwise: an index into nodes).
struct Column {
  std::string_view name;
  bool is_value;
  std::string_view unit;  // "" none
};
constexpr std::array<Column, 6> kColumns = {{
    {kPathColumn, false, ""},
    {"mpi.rank", true, ""},
    {"sum#time.duration", true, "sec"},
    {"inclusive#sum#time.duration", true, "sec"},
    {"count", true, ""},
    {"sum#mpi.msg.size", true, "byte"},
}};

constexpr std::array<std::string_view, 4> kSections = {"nodes", "columns", "column_metadata",
                                                       "data"};

json row(std::size_t node, int rank, double exclusive_s, double inclusive_s, std::uint64_t count,
         std::uint64_t bytes) {
  return json::array({node, rank, exclusive_s, inclusive_s, count, bytes});
}

// The MPI routines any rank called, ordered as the profile orders its calls (by time over all
// ranks), then any a rank has that the aggregate lacks (a merged partial dump), by name.
std::vector<std::string> routines(const profile::Profile &p) {
  std::vector<std::string> names;
  for (const profile::CallAggregate &c : p.calls) names.push_back(c.name);
  std::vector<std::string> extra;
  for (const profile::RankEntry &r : p.ranks) {
    for (const auto &[name, call] : r.calls) {
      if (std::find(names.begin(), names.end(), name) == names.end() &&
          std::find(extra.begin(), extra.end(), name) == extra.end()) {
        extra.push_back(name);
      }
    }
  }
  std::sort(extra.begin(), extra.end());
  names.insert(names.end(), extra.begin(), extra.end());
  return names;
}

json run_metadata(const profile::Profile &p) {
  const profile::RunInfo &run = p.run;
  std::string command;
  for (const std::string &arg : run.command) command += (command.empty() ? "" : " ") + arg;
  json m = {
      {"hpcpat.version", run.hpcpat.version},
      {"hpcpat.git_sha", run.hpcpat.git_sha},
      {"hpcpat.run_id", run.id},
      {"hpcpat.complete", p.complete},
      {"app", run.app},
      {"command", command},
      {"launcher", run.launcher},
      {"mpi.world.size", run.ranks},
      {"mpi.library", run.mpi_library},
      {"mpi.version", run.mpi_version},
      {"threads.max_per_rank", run.threads.max_per_rank},
      {"started_at", run.started_at},
      {"wall_s", run.wall_s},
      {"timer", run.timer.source},
      {"mpi_fraction.median", p.summary.mpi_fraction.median},
      {"exit", profile::exit_kind_name(run.exit.status)},
  };
  // adiak's name for the node count: "nodes" is the format's call-tree section.
  m["numhosts"] = run.nodes ? json(*run.nodes) : json(nullptr);
  m["ranks_per_node"] = run.ranks_per_node ? json(*run.ranks_per_node) : json(nullptr);
  if (run.container) m["container"] = run.container->image;
  for (const auto &[key, value] : run.tags) m["tag." + key] = value;
  return m;
}

}  // namespace

json caliper_split(const profile::Profile &p, const json &metadata) {
  const std::vector<std::string> names = routines(p);
  const std::string program = p.run.app.empty() ? "program" : p.run.app;

  json nodes = json::array({{{"label", program}, {"column", kPathColumn}}});
  for (const std::string &name : names) {
    nodes.push_back({{"label", name}, {"column", kPathColumn}, {"parent", 0}});
  }

  json data = json::array();
  for (const profile::RankEntry &r : p.ranks) {
    // The program's exclusive time is the rank's time outside MPI, so that a rank's exclusive
    // times add up to its application time, as Hatchet's inclusive sums expect.
    data.push_back(row(0, r.rank, std::max(0.0, r.app_time_s - r.mpi_time_s), r.app_time_s, 1, 0));
    for (std::size_t i = 0; i < names.size(); ++i) {
      const auto it = r.calls.find(names[i]);
      if (it == r.calls.end()) continue;
      const profile::RankCall &c = it->second;
      data.push_back(row(i + 1, r.rank, c.time_s, c.time_s, c.count, c.bytes));
    }
  }

  json columns = json::array();
  json column_metadata = json::array();
  for (const Column &c : kColumns) {
    columns.push_back(c.name);
    json meta = {{"is_value", c.is_value}};
    if (!c.unit.empty()) meta["attribute.unit"] = c.unit;
    column_metadata.push_back(std::move(meta));
  }

  json doc = run_metadata(p);
  if (metadata.is_object()) {
    for (const auto &[key, value] : metadata.items()) {
      if (std::find(kSections.begin(), kSections.end(), key) != kSections.end()) {
        throw std::invalid_argument("caliper_split: metadata key '" + key +
                                    "' is one of the format's sections");
      }
      doc[key] = value;
    }
  }
  doc["nodes"] = std::move(nodes);
  doc["columns"] = std::move(columns);
  doc["column_metadata"] = std::move(column_metadata);
  doc["data"] = std::move(data);
  return doc;
}

std::string render_caliper_split(const profile::Profile &p, const SummaryOptions &) {
  return caliper_split(p).dump() + "\n";
}

}  // namespace hpcpat::report
