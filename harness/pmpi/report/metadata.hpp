// Facts about the run that do not come from the measurement tables: MPI library, node topology,
// fabric providers, container, command line, clock. Gathered once, in MPI_Init, so that partial
// dumps written from a fault handler carry them too. May throw (std::bad_alloc, json); callers
// catch.
#pragma once

#include <ctime>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hpcpat::pmpi::report {

std::string mpi_library_version();        // PMPI_Get_library_version, whitespace collapsed
std::string mpi_standard_version();       // "3.1"
nlohmann::json node_topology();           // hwloc summary of this node, null when hwloc fails
nlohmann::json fabric_providers();        // {"providers": [...]} or null without libfabric
nlohmann::json container_info();          // {"image", "variant"} or null
std::vector<std::string> command_line();  // /proc/self/cmdline
std::string app_name(const std::vector<std::string> &argv);  // basename of argv[0]
std::string launcher_name();  // $HPCPAT_LAUNCHER, else detected from the environment
std::string utc_iso8601(std::time_t t);
const char *thread_level_name(int level) noexcept;
const char *hpcpat_version() noexcept;
const char *hpcpat_git_sha() noexcept;
// Optional libraries this build was compiled with (recorded as run.hpcpat.features).
bool built_with_libfabric() noexcept;
bool built_with_papi() noexcept;

}  // namespace hpcpat::pmpi::report
