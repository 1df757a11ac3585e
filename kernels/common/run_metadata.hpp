// The `run` object of profile v1 (PROFILE_CONTRACT.md), filled for a kernel run so kernel results
// join the same results store as application profiles: MPI library, topology (hwloc), fabric
// providers (libfabric, when compiled in), hosts, ranks, start time and hpcpat version.
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

// MPI_Get_library_version, first line, trimmed.
std::string mpi_library_version();

// Unique libfabric provider names (fi_getinfo); empty when libfabric is not compiled in.
std::vector<std::string> fabric_providers();

// Collected on the calling rank (rank 0): environment, hwloc topology, libfabric.
nlohmann::json run_metadata(const RunFacts &facts);

}  // namespace hpcpat::kernels
