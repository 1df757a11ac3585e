// The `run` object of profile v1 (docs/profile-format.md), filled for a kernel run so kernel results
// join the same results store as application profiles. The members the interposer fills too come
// from hpcpat/runinfo (one builder for both); this adds what only a kernel run knows: its single
// thread, its wall time and exit code, and its clock_gettime timer.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hpcpat::kernels {

struct RunFacts {
  std::vector<std::string> argv;        // rank 0's command line
  std::string started_at;               // ISO 8601 UTC, from utc_now_iso() at start
  double wall_s = 0;                    // max over ranks, MPI_Init to report
  std::vector<std::string> rank_hosts;  // host of each world rank
  int exit_code = 0;
};

std::string utc_now_iso();

// Collected on the calling rank (rank 0): environment, hwloc topology, libfabric. Malformed
// HPCPAT_TAGS / HPCPAT_RUN_ID values are reported on stderr, once.
nlohmann::json run_metadata(const RunFacts &facts);

}  // namespace hpcpat::kernels
