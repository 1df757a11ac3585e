// Profile v1's `run` object, the members every producer fills the same way. The producer adds what
// only it knows: `threads`, `wall_s`, `exit` and `timer` (the interposer measures with its own
// timer and sees the application's thread level; the kernels time with clock_gettime on a single
// thread), and the interposer adds `hpcpat.features` (PAPI exists only in the interposer, and the
// kernels schema has no such member).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hpcpat::runinfo {

struct RunCommon {
  std::string id;                    // choose_run_id()
  std::vector<std::string> command;  // the application's argv
  int ranks = 0;
  std::string started_at;                          // utc_iso8601()
  nlohmann::json topology = nullptr;               // node_topology() of rank 0's node
  nlohmann::json fabric = nullptr;                 // fabric_providers()
  nlohmann::json tags = nlohmann::json::object();  // parse_tags()
};

// id, app, command, launcher, ranks, mpi_library, mpi_version, topology, fabric, container,
// started_at, hpcpat {version, git_sha}, tags.
nlohmann::json common_run(RunCommon facts);

// hosts (sorted by name, each with its world ranks), nodes and ranks_per_node, from the host name
// of each world rank.
void set_hosts(nlohmann::json &run, const std::vector<std::string> &rank_hosts);

}  // namespace hpcpat::runinfo
