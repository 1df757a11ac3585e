#include "hpcpat/kernels/run_metadata.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "hpcpat/base/run_id.hpp"
#include "hpcpat/contract.h"
#include "hpcpat/kernels/clock.hpp"
#include "hpcpat/runinfo/run_env.hpp"
#include "hpcpat/runinfo/run_facts.hpp"
#include "hpcpat/runinfo/run_object.hpp"

namespace hpcpat::kernels {

std::string utc_now_iso() {
  return runinfo::utc_iso8601(std::time(nullptr));
}

nlohmann::json run_metadata(const RunFacts &facts) {
  std::vector<std::string> problems;
  runinfo::RunCommon common;
  common.id =
      runinfo::choose_run_id(std::getenv(contract::kEnvRunId),
                             facts.rank_hosts.empty() ? "host" : facts.rank_hosts.front(),
                             static_cast<long long>(std::time(nullptr)), ::getpid(),
                             base::run_nonce(), problems);
  common.command = facts.argv;
  common.ranks = static_cast<int>(facts.rank_hosts.size());
  common.started_at = facts.started_at;
  common.topology = runinfo::node_topology();
  common.fabric = runinfo::fabric_providers();
  common.tags = runinfo::parse_tags(std::getenv(contract::kEnvTags), problems);
  for (const std::string &p : problems) std::fprintf(stderr, "hpcpat-kernels: %s\n", p.c_str());

  nlohmann::json run = runinfo::common_run(std::move(common));
  runinfo::set_hosts(run, facts.rank_hosts);
  run["threads"] = {{"level", "MPI_THREAD_SINGLE"}, {"max_per_rank", 1}};
  run["wall_s"] = facts.wall_s;
  run["exit"] = {{"status", "finalized"}, {"code", facts.exit_code}, {"signal", nullptr}};
  run["timer"] = {{"source", "clock_gettime"}, {"ns_per_read", clock_ns_per_read()}};
  return run;
}

}  // namespace hpcpat::kernels
