#include "hpcpat/runinfo/run_object.hpp"

#include <algorithm>
#include <map>

#include "hpcpat/runinfo/run_facts.hpp"

namespace hpcpat::runinfo {

nlohmann::json common_run(RunCommon facts) {
  const std::string app = app_name(facts.command);
  return {{"id", std::move(facts.id)},
          {"app", app},
          {"command", std::move(facts.command)},
          {"launcher", launcher_name()},
          {"ranks", facts.ranks},
          {"mpi_library", mpi_library_version()},
          {"mpi_version", mpi_standard_version()},
          {"topology", std::move(facts.topology)},
          {"fabric", std::move(facts.fabric)},
          {"container", container_info()},
          {"started_at", std::move(facts.started_at)},
          {"hpcpat", {{"version", hpcpat_version()}, {"git_sha", hpcpat_git_sha()}}},
          {"tags", std::move(facts.tags)}};
}

void set_hosts(nlohmann::json &run, const std::vector<std::string> &rank_hosts) {
  std::map<std::string, std::vector<int>> by_host;  // sorted by name: stable output
  for (std::size_t r = 0; r < rank_hosts.size(); ++r) {
    by_host[rank_hosts[r]].push_back(static_cast<int>(r));
  }
  std::size_t per_node = 0;
  nlohmann::json hosts = nlohmann::json::array();
  for (const auto &[name, ranks] : by_host) {
    hosts.push_back({{"name", name}, {"ranks", ranks}});
    per_node = std::max(per_node, ranks.size());
  }
  run["nodes"] = by_host.size();
  run["ranks_per_node"] = per_node;
  run["hosts"] = std::move(hosts);
}

}  // namespace hpcpat::runinfo
