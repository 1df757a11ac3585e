// Facts about a run that do not come from measurements: MPI library, node topology, fabric
// providers, container, command line, launcher, hpcpat build. The interposer and the kernels both
// describe their run with these, so that their files join one results store. MPI is queried
// through PMPI_ (valid before MPI_Init, and invisible to an interposer). May throw (std::bad_alloc,
// json); callers catch.
#pragma once

#include <ctime>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hpcpat::runinfo {

std::string mpi_library_version();        // PMPI_Get_library_version, whitespace collapsed
std::string mpi_standard_version();       // "3.1"
nlohmann::json node_topology();           // hwloc summary of this node, null when hwloc fails
nlohmann::json fabric_providers();        // {"providers": [...]} or null: fabric_probe.cpp
nlohmann::json container_info();          // {"image", "variant"} or null
std::vector<std::string> command_line();  // /proc/self/cmdline
std::string app_name(const std::vector<std::string> &argv);  // basename of argv[0], file-safe
std::string launcher_name();  // $HPCPAT_LAUNCHER, else detected from the environment
std::string utc_iso8601(std::time_t t);
const char *hpcpat_version() noexcept;
const char *hpcpat_git_sha() noexcept;

}  // namespace hpcpat::runinfo
