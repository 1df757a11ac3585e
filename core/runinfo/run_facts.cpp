#include "hpcpat/runinfo/run_facts.hpp"

#include <mpi.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "hpcpat/contract.h"
#include "hpcpat/topology/loaded_topology.hpp"

#ifndef HPCPAT_VERSION
#define HPCPAT_VERSION "0.0.0-unknown"
#endif
#ifndef HPCPAT_GIT_SHA
#define HPCPAT_GIT_SHA "unknown"
#endif

namespace hpcpat::runinfo {

namespace {
bool env_set(const char *name) {
  const char *v = std::getenv(name);
  return v != nullptr && *v != '\0';
}
}  // namespace

const char *hpcpat_version() noexcept {
  return HPCPAT_VERSION;
}
const char *hpcpat_git_sha() noexcept {
  return HPCPAT_GIT_SHA;
}

std::string mpi_library_version() {
  char buf[MPI_MAX_LIBRARY_VERSION_STRING + 1] = {};
  int len = 0;
  if (PMPI_Get_library_version(buf, &len) != MPI_SUCCESS) return "unknown";
  // MPICH's string spans many lines (configure flags); keep one line, whitespace collapsed.
  std::string out;
  for (int i = 0; i < len && buf[i] != '\0'; ++i) {
    const char c = (buf[i] == '\n' || buf[i] == '\t' || buf[i] == '\r') ? ' ' : buf[i];
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out.empty() ? "unknown" : out;
}

std::string mpi_standard_version() {
  int major = 0, minor = 0;
  if (PMPI_Get_version(&major, &minor) != MPI_SUCCESS) return "0.0";
  return std::to_string(major) + "." + std::to_string(minor);
}

nlohmann::json node_topology() {
  const topology::LoadedTopology topo;
  if (!topo.ok()) return nullptr;
  return {{"packages", topo.count(HWLOC_OBJ_PACKAGE)},
          {"numa_nodes", topo.count(HWLOC_OBJ_NUMANODE)},
          {"cores", topo.count(HWLOC_OBJ_CORE)},
          {"pus", topo.count(HWLOC_OBJ_PU)}};
}

nlohmann::json container_info() {
  auto variant = []() -> nlohmann::json {
    const char *v = std::getenv(contract::kEnvContainerVariant);
    return v != nullptr && *v != '\0' ? nlohmann::json(v) : nlohmann::json(nullptr);
  };
  if (env_set(contract::kEnvContainerImage)) {
    return {{"image", std::getenv(contract::kEnvContainerImage)}, {"variant", variant()}};
  }
  // Detected runtime without a declared image: name the runtime, leave the image unknown.
  if (::access("/.dockerenv", F_OK) == 0)
    return {{"image", "unknown (docker)"}, {"variant", variant()}};
  if (::access("/run/.containerenv", F_OK) == 0) {
    return {{"image", "unknown (podman)"}, {"variant", variant()}};
  }
  if (env_set("container")) {  // set by systemd-nspawn, podman, lxc, flatpak
    return {{"image", std::string("unknown (") + std::getenv("container") + ")"},
            {"variant", variant()}};
  }
  if (env_set("SINGULARITY_CONTAINER") || env_set("APPTAINER_CONTAINER")) {
    const char *img = env_set("APPTAINER_CONTAINER") ? std::getenv("APPTAINER_CONTAINER")
                                                     : std::getenv("SINGULARITY_CONTAINER");
    return {{"image", img}, {"variant", variant()}};
  }
  return nullptr;
}

std::vector<std::string> command_line() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> argv;
  std::string cur;
  for (const char c : raw) {
    if (c == '\0') {
      argv.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) argv.push_back(cur);
  return argv;
}

std::string app_name(const std::vector<std::string> &argv) {
  if (argv.empty() || argv[0].empty()) return "app";
  const std::string &a = argv[0];
  const auto slash = a.find_last_of('/');
  std::string base = slash == std::string::npos ? a : a.substr(slash + 1);
  // The name goes into a file name: keep it to portable characters.
  for (char &c : base) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) c = '_';
  }
  return base.empty() ? "app" : base;
}

std::string launcher_name() {
  if (env_set(contract::kEnvLauncher)) return std::getenv(contract::kEnvLauncher);
  // Flux and Slurm set PMI variables too, so they are tested before the generic PMI check.
  if (env_set("FLUX_JOB_ID")) return "flux";
  if (env_set("SLURM_STEP_ID") || env_set("SLURM_PROCID")) return "srun";
  if (env_set("OMPI_COMM_WORLD_SIZE")) return "mpirun";
  if (env_set("PMI_RANK") || env_set("PMI_SIZE") || env_set("HYDI_CONTROL_FD")) return "mpiexec";
  return "unknown";
}

std::string utc_iso8601(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace hpcpat::runinfo
