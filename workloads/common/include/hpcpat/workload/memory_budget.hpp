// Refusing a problem that cannot fit in memory, before allocating it. Each app estimates the
// bytes its largest rank will hold from its arguments and the rank count (overflow-checked:
// Bytes is empty when the product does not fit 64 bits), and refuse_if_too_big() compares that
// with what this node can give each of its ranks: the smaller of /proc/meminfo's MemAvailable
// and the cgroup's limit less its usage, divided among the ranks on the node, and at most
// RLIMIT_AS. A refused run exits 2 with one message naming the option, the estimate and the
// limit, rather than dying of std::bad_alloc (134) or swapping the node to a halt.
#pragma once

#include <mpi.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>

#include "hpcpat/workload/app_cli.hpp"

namespace hpcpat::app {

using Bytes = std::optional<std::uint64_t>;  // empty: more than 2^64 - 1

// a * b * ..., empty on overflow (or when any factor is already empty).
inline Bytes checked_product(std::initializer_list<Bytes> factors) {
  std::uint64_t out = 1;
  for (const Bytes &f : factors) {
    if (!f || __builtin_mul_overflow(out, *f, &out)) return std::nullopt;
  }
  return out;
}

// a + b + ..., empty on overflow.
inline Bytes checked_sum(std::initializer_list<Bytes> terms) {
  std::uint64_t out = 0;
  for (const Bytes &t : terms) {
    if (!t || __builtin_add_overflow(out, *t, &out)) return std::nullopt;
  }
  return out;
}

// Beyond 2^64 - 1 bytes, as a double (where estimates are compared, in one MPI_Allreduce).
inline constexpr double kBeyond64Bits = 18446744073709551616.0;

inline double as_double(Bytes bytes) { return bytes ? static_cast<double>(*bytes) : kBeyond64Bits; }

// Reads "1.5 GiB"; kBeyond64Bits and above (empty Bytes) read "more than 16 EiB".
inline std::string format_bytes(double bytes) {
  if (bytes >= kBeyond64Bits) return "more than 16 EiB";
  const char *units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double v = bytes;
  int u = 0;
  while (v >= 1024 && u < 6) {
    v /= 1024;
    ++u;
  }
  char text[32];
  std::snprintf(text, sizeof text, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return text;
}
inline std::string format_bytes(Bytes bytes) { return format_bytes(as_double(bytes)); }

// MemAvailable from the text of /proc/meminfo, in bytes.
inline Bytes parse_meminfo_available(const std::string &meminfo) {
  std::istringstream in(meminfo);
  std::string key, unit;
  std::uint64_t kib = 0;
  while (in >> key >> kib) {
    std::getline(in, unit);
    if (key == "MemAvailable:") return checked_product({kib, 1024});
  }
  return std::nullopt;
}

// A cgroup limit file's value ("max" or a byte count; v1 writes ~2^63 for none): empty when there
// is no limit.
inline Bytes parse_cgroup_limit(const std::string &text) {
  std::uint64_t v = 0;
  if (std::istringstream(text) >> v && v < (std::uint64_t{1} << 62)) return v;
  return std::nullopt;
}

// What this node can hold, and where that figure came from (for the message).
struct NodeMemory {
  Bytes bytes;  // empty: unknown
  std::string source;
};

inline std::string read_small_file(const std::string &path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline NodeMemory node_memory() {
  NodeMemory m{parse_meminfo_available(read_small_file("/proc/meminfo")), "MemAvailable"};
  // cgroup v2, then v1; inside a container the mount shows the container's own group.
  const std::pair<const char *, const char *> cgroups[] = {
      {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"},
      {"/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"}};
  for (const auto &[limit_file, usage_file] : cgroups) {
    const Bytes limit = parse_cgroup_limit(read_small_file(limit_file));
    if (!limit) continue;
    const Bytes used = parse_cgroup_limit(read_small_file(usage_file));
    const std::uint64_t room = used && *used < *limit ? *limit - *used : used ? 0 : *limit;
    if (!m.bytes || room < *m.bytes) m = {room, "the cgroup's memory limit less its usage"};
    break;
  }
  return m;
}

// The message refusing `estimate` (bytes per rank) against `limit` (bytes per rank), or "" when
// it fits. `what` names the option(s) and values, e.g. "--n 100000".
inline std::string why_too_big(const std::string &what, double estimate, double limit,
                               const std::string &limit_source) {
  if (estimate <= limit) return "";
  return what + " needs about " + format_bytes(estimate) +
         " per rank (estimated from the arguments), more than the " + format_bytes(limit) +
         " available per rank (" + limit_source + "); use a smaller problem or more nodes";
}

// Collective over MPI_COMM_WORLD. Every rank passes its own estimate; the decision is the same
// on every rank (the largest estimate against the smallest limit, in one MPI_Allreduce), and rank
// 0 prints it. Returns only when the problem fits.
inline void refuse_if_too_big(const std::string &program, const std::string &what,
                              Bytes estimate) {
  MPI_Comm node;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
  int on_node = 1;
  MPI_Comm_size(node, &on_node);
  MPI_Comm_free(&node);
  const NodeMemory mem = node_memory();
  double limit = mem.bytes ? static_cast<double>(*mem.bytes) / on_node : kBeyond64Bits / 2;
  std::string source = mem.bytes ? mem.source + " " + format_bytes(mem.bytes) + " over " +
                                       std::to_string(on_node) + " rank(s) on this node"
                                 : "neither /proc/meminfo nor a cgroup limit could be read";
  rlimit as{};
  if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY &&
      static_cast<double>(as.rlim_cur) < limit) {
    limit = static_cast<double>(as.rlim_cur);
    source = "RLIMIT_AS (ulimit -v)";
  }
  // MAX of {estimate, -limit}: the largest estimate and the smallest limit in one call.
  double both[2] = {as_double(estimate), -limit};
  MPI_Allreduce(MPI_IN_PLACE, both, 2, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  if (const std::string why = why_too_big(what, both[0], -both[1], source); !why.empty())
    refuse(program, why);
}

}  // namespace hpcpat::app
