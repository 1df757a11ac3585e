#include "run_metadata.hpp"

#include <mpi.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>

#include "clock.hpp"
#include "placement.hpp"

#ifdef HPCPAT_HAVE_LIBFABRIC
#include <rdma/fabric.h>
#endif

#ifndef HPCPAT_VERSION
#define HPCPAT_VERSION "unknown"
#endif
#ifndef HPCPAT_GIT_SHA
#define HPCPAT_GIT_SHA "unknown"
#endif

namespace hpcpat::kernels {
namespace {

std::string env_or(const char *name, const std::string &fallback) {
  const char *v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? std::string(v) : fallback;
}

// Same detection order as the interposer (PROFILE_CONTRACT.md): explicit, then launcher env.
std::string detect_launcher() {
  if (const char *v = std::getenv("HPCPAT_LAUNCHER"); v != nullptr && *v != '\0') return v;
  if (std::getenv("FLUX_JOB_ID") != nullptr) return "flux";
  if (std::getenv("SLURM_JOB_ID") != nullptr) return "srun";
  if (std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr) return "mpirun";
  if (std::getenv("PMI_RANK") != nullptr || std::getenv("PMI_SIZE") != nullptr) return "mpiexec";
  return "unknown";
}

nlohmann::json tags_from_env() {
  nlohmann::json tags = nlohmann::json::object();
  const std::string spec = env_or("HPCPAT_TAGS", "");
  std::size_t start = 0;
  while (start < spec.size()) {
    const std::size_t comma = std::min(spec.find(',', start), spec.size());
    const std::string item = spec.substr(start, comma - start);
    const std::size_t eq = item.find('=');
    if (eq != std::string::npos && eq > 0) tags[item.substr(0, eq)] = item.substr(eq + 1);
    start = comma + 1;
  }
  return tags;
}

std::string run_id(const std::string &host) {
  return env_or("HPCPAT_RUN_ID",
                host + "-" + std::to_string(std::time(nullptr)) + "-" + std::to_string(getpid()));
}

}  // namespace

std::string utc_now_iso() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::array<char, 32> buf{};
  std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf.data();
}

std::string mpi_library_version() {
  std::array<char, MPI_MAX_LIBRARY_VERSION_STRING> buf{};
  int len = 0;
  MPI_Get_library_version(buf.data(), &len);
  std::string v(buf.data(), static_cast<std::size_t>(std::max(len, 0)));
  v = v.substr(0, v.find('\n'));
  while (!v.empty() && (v.back() == ' ' || v.back() == '\0' || v.back() == ',')) v.pop_back();
  return v;
}

std::vector<std::string> fabric_providers() {
  std::set<std::string> names;
#ifdef HPCPAT_HAVE_LIBFABRIC
  fi_info *info = nullptr;
  if (fi_getinfo(FI_VERSION(1, 5), nullptr, nullptr, 0, nullptr, &info) == 0) {
    for (fi_info *i = info; i != nullptr; i = i->next) {
      if (i->fabric_attr != nullptr && i->fabric_attr->prov_name != nullptr) {
        names.insert(i->fabric_attr->prov_name);
      }
    }
    fi_freeinfo(info);
  }
#endif
  return {names.begin(), names.end()};
}

nlohmann::json run_metadata(const RunFacts &facts) {
  std::map<std::string, std::vector<int>> by_host;  // ordered by name: stable output
  for (std::size_t r = 0; r < facts.rank_hosts.size(); ++r) {
    by_host[facts.rank_hosts[r]].push_back(static_cast<int>(r));
  }
  nlohmann::json hosts = nlohmann::json::array();
  std::size_t per_node = 0;
  for (const auto &[name, ranks] : by_host) {
    hosts.push_back({{"name", name}, {"ranks", ranks}});
    per_node = std::max(per_node, ranks.size());
  }
  int version = 0, subversion = 0;
  MPI_Get_version(&version, &subversion);
  const Topology topo = probe_topology();
  nlohmann::json fabric = nullptr;
#ifdef HPCPAT_HAVE_LIBFABRIC
  fabric = {{"providers", fabric_providers()}};
#endif
  nlohmann::json container = nullptr;
  if (const std::string image = env_or("HPCPAT_CONTAINER_IMAGE", ""); !image.empty()) {
    container = {{"image", image}, {"variant", env_or("HPCPAT_CONTAINER_VARIANT", "")}};
  }
  const std::string app = facts.argv.empty()
                              ? "hpcpat-kernels"
                              : std::filesystem::path(facts.argv.front()).filename().string();
  return {
      {"id", run_id(facts.rank_hosts.empty() ? "host" : facts.rank_hosts.front())},
      {"app", app},
      {"command", facts.argv},
      {"launcher", detect_launcher()},
      {"ranks", facts.rank_hosts.size()},
      {"nodes", by_host.size()},
      {"ranks_per_node", per_node},
      {"threads", {{"level", "MPI_THREAD_SINGLE"}, {"max_per_rank", 1}}},
      {"hosts", hosts},
      {"mpi_library", mpi_library_version()},
      {"mpi_version", std::to_string(version) + "." + std::to_string(subversion)},
      {"topology",
       {{"packages", topo.packages},
        {"numa_nodes", topo.numa_nodes},
        {"cores", topo.cores},
        {"pus", topo.pus}}},
      {"fabric", fabric},
      {"container", container},
      {"started_at", facts.started_at},
      {"wall_s", facts.wall_s},
      {"exit", {{"status", "finalized"}, {"code", facts.exit_code}, {"signal", nullptr}}},
      {"hpcpat", {{"version", HPCPAT_VERSION}, {"git_sha", HPCPAT_GIT_SHA}}},
      {"timer", {{"source", "clock_gettime"}, {"ns_per_read", clock_ns_per_read()}}},
      {"tags", tags_from_env()},
  };
}

}  // namespace hpcpat::kernels
