// Reads the `run` object of a profile: who ran what, where, with which MPI.
#include <array>
#include <string_view>

#include "readers.hpp"

namespace hpcpat::profile::detail {
namespace {

constexpr std::array<std::string_view, 4> kThreadLevels = {
    "MPI_THREAD_SINGLE", "MPI_THREAD_FUNNELED", "MPI_THREAD_SERIALIZED", "MPI_THREAD_MULTIPLE"};

std::vector<std::string> read_strings(const JsonNode &node) {
  std::vector<std::string> out;
  out.reserve(node.size());
  for (std::size_t i = 0; i < node.size(); ++i) out.push_back(node.element(i).string());
  return out;
}

ThreadInfo read_threads(const JsonNode &node) {
  ThreadInfo t;
  t.level = node.member("level").one_of(kThreadLevels);
  t.max_per_rank = node.member("max_per_rank").integer(1);
  return t;
}

std::vector<HostEntry> read_hosts(const JsonNode &node, int ranks) {
  std::vector<HostEntry> hosts;
  if (node.size() == 0) node.fail("a non-empty array of hosts");
  for (std::size_t i = 0; i < node.size(); ++i) {
    JsonNode h = node.element(i);
    HostEntry e;
    e.name = h.member("name").string();
    JsonNode rs = h.member("ranks");
    if (rs.size() == 0) rs.fail("a non-empty array of world ranks");
    for (std::size_t j = 0; j < rs.size(); ++j)
      e.ranks.push_back(read_world_rank(rs.element(j), ranks));
    hosts.push_back(std::move(e));
  }
  return hosts;
}

std::optional<Topology> read_topology(const JsonNode &node) {
  auto present = node.nullable("an object or null");
  if (!present) return std::nullopt;
  Topology t;
  t.packages = present->member("packages").count();
  t.numa_nodes = present->member("numa_nodes").count();
  t.cores = present->member("cores").count();
  t.pus = present->member("pus").count();
  return t;
}

std::optional<Fabric> read_fabric(const JsonNode &node) {
  auto present = node.nullable("an object or null");
  if (!present) return std::nullopt;
  return Fabric{read_strings(present->member("providers"))};
}

std::optional<Container> read_container(const JsonNode &node) {
  auto present = node.nullable("an object or null");
  if (!present) return std::nullopt;
  Container c;
  c.image = present->member("image").string();
  if (auto v = present->member("variant").nullable("a string or null")) c.variant = v->string();
  return c;
}

ExitInfo read_exit(const JsonNode &node) {
  ExitInfo e;
  std::string status = node.member("status").one_of(kExitKindNames);
  e.status = ExitKind::finalized;
  for (std::size_t k = 0; k < kExitKindNames.size(); ++k) {
    if (status == kExitKindNames[k]) e.status = static_cast<ExitKind>(k);
  }
  if (auto c = node.member("code").nullable("an integer or null")) e.code = c->integer();
  if (auto s = node.member("signal").nullable("an integer or null")) {
    e.signal = static_cast<int>(s->integer(1, 1024));
  }
  return e;
}

std::optional<int> read_optional_positive(const JsonNode &node, std::int64_t max) {
  auto present = node.nullable("an integer >= 1 or null");
  if (!present) return std::nullopt;
  return static_cast<int>(present->integer(1, max));
}

}  // namespace

RunInfo read_run(const JsonNode &run) {
  RunInfo r;
  r.id = run.member("id").nonempty_string();
  r.app = run.member("app").nonempty_string();
  r.command = read_strings(run.member("command"));
  r.launcher = run.member("launcher").nonempty_string();
  r.ranks = static_cast<int>(run.member("ranks").integer(1, kMaxRanks));
  r.nodes = read_optional_positive(run.member("nodes"), r.ranks);
  r.ranks_per_node = read_optional_positive(run.member("ranks_per_node"), r.ranks);
  r.threads = read_threads(run.member("threads"));
  r.hosts = read_hosts(run.member("hosts"), r.ranks);
  r.mpi_library = run.member("mpi_library").string();
  r.mpi_version = run.member("mpi_version").string();
  r.topology = read_topology(run.member("topology"));
  r.fabric = read_fabric(run.member("fabric"));
  r.container = read_container(run.member("container"));
  r.started_at = run.member("started_at").nonempty_string();
  r.wall_s = read_seconds(run.member("wall_s"));
  r.exit = read_exit(run.member("exit"));
  JsonNode build = run.member("hpcpat");
  r.hpcpat.version = build.member("version").string();
  r.hpcpat.git_sha = build.member("git_sha").string();
  JsonNode timer = run.member("timer");
  constexpr std::array<std::string_view, 2> kTimers = {"tsc", "clock_gettime"};
  r.timer.source = timer.member("source").one_of(kTimers);
  r.timer.ns_per_read = timer.member("ns_per_read").number(0);
  if (JsonNode requested = timer.member("requested"); requested.present()) {
    constexpr std::array<std::string_view, 3> kRequests = {"auto", "tsc", "clock_gettime"};
    r.timer.requested = requested.one_of(kRequests);
  }
  if (JsonNode check = timer.member("check"); check.present()) {
    TimerCheckInfo c;
    c.checked_ranks = check.member("checked_ranks").count();
    c.disagreeing_ranks = check.member("disagreeing_ranks").count();
    c.max_rate_change = check.member("max_rate_change").number();
    c.tolerance = check.member("tolerance").number(0);
    r.timer.check = c;
  }
  run.member("tags").for_each_member(
      [&](const std::string &key, const JsonNode &value) { r.tags[key] = value.string(); });
  return r;
}

}  // namespace hpcpat::profile::detail
