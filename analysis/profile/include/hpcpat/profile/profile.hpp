// Profile v1 as C++ values: what libhpcpat-pmpi measured in one MPI run. Field names follow the
// JSON keys of the contract (schemas/profile.v1.schema.json); times are seconds, counts and bytes
// integers, ranks MPI_COMM_WORLD ranks. Values are only ever built by the reader, which has checked
// them, so code using a Profile needs no defensive checks of its own.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hpcpat/profile/category.hpp"

namespace hpcpat::profile {

struct ThreadInfo {
  std::string level;  // "MPI_THREAD_SINGLE" ... "MPI_THREAD_MULTIPLE"
  std::int64_t max_per_rank = 1;
};

struct HostEntry {
  std::string name;
  std::vector<int> ranks;
};

struct Topology {
  std::uint64_t packages = 0, numa_nodes = 0, cores = 0, pus = 0;
};

struct Fabric {
  std::vector<std::string> providers;
};

struct Container {
  std::string image;
  std::optional<std::string> variant;
};

// exited: the process left without MPI_Finalize (exit() or a return from main).
enum class ExitKind { finalized, aborted, signal, exited };

// run.exit.status as written in profiles, indexed by ExitKind: the reader and the reporters share
// this one spelling.
inline constexpr std::array<std::string_view, 4> kExitKindNames = {"finalized", "aborted",
                                                                   "signal", "exited"};
constexpr std::string_view exit_kind_name(ExitKind k) noexcept {
  return kExitKindNames[static_cast<std::size_t>(k)];
}

struct ExitInfo {
  ExitKind status = ExitKind::finalized;
  std::optional<std::int64_t> code;
  std::optional<int> signal;
};

struct BuildInfo {
  std::string version, git_sha;
};

struct TimerCheckInfo {  // the TSC checked against CLOCK_MONOTONIC (profile v1 run.timer.check)
  std::uint64_t checked_ranks = 0, disagreeing_ranks = 0;
  double max_rate_change = 0, tolerance = 0;
};

struct TimerInfo {
  std::string source;     // "tsc" or "clock_gettime"
  std::string requested;  // HPCPAT_TIMER: "auto", "tsc", "clock_gettime"; empty when not recorded
  double ns_per_read = 0;
  std::optional<TimerCheckInfo> check;  // absent from partial dumps and older profiles
};

struct RunInfo {
  std::string id, app;
  std::vector<std::string> command;
  std::string launcher;
  int ranks = 0;
  std::optional<int> nodes, ranks_per_node;  // null in a partial dump
  ThreadInfo threads;
  std::vector<HostEntry> hosts;
  std::string mpi_library, mpi_version;
  std::optional<Topology> topology;
  std::optional<Fabric> fabric;
  std::optional<Container> container;
  std::string started_at;
  double wall_s = 0;
  ExitInfo exit;
  BuildInfo hpcpat;
  TimerInfo timer;
  std::map<std::string, std::string> tags;
};

struct FractionStats {
  double min = 0, median = 0, mean = 0, max = 0, stdev = 0;
};

struct Summary {
  FractionStats mpi_fraction;
  double app_time_s = 0;                                // mean over ranks
  double mpi_time_s = 0;                                // mean over ranks
  std::array<double, kCategories.size()> categories{};  // share of MPI time, by Category
  double imbalance = 1;

  double share(Category c) const { return categories[static_cast<std::size_t>(c)]; }
};

struct TimeStats {
  double sum = 0, min = 0, max = 0, mean = 0, cov = 0;
};

// One log2 message-size bin: bin 0 holds size 0, bin b sizes [2^(b-1), 2^b - 1].
struct SizeBin {
  int bin = 0;
  std::uint64_t lo = 0, hi = 0, count = 0;
  double time_s = 0;
  std::uint64_t bytes = 0;
};

// One MPI routine over all ranks.
struct CallAggregate {
  std::string name;  // "MPI_Send"
  Category category = Category::other;
  std::uint64_t count = 0;
  TimeStats time_s;
  std::uint64_t bytes = 0;
  std::vector<SizeBin> histogram;
};

struct RankCall {
  std::uint64_t count = 0;
  double time_s = 0;
  std::uint64_t bytes = 0;
};

// One entry of the profile's `ranks` array, as read back (not the interposer's fixed-size
// RankWireRecord it was built from, nor the kernels' RankReport).
struct RankEntry {
  int rank = 0;
  std::string host;
  double app_time_s = 0, mpi_time_s = 0, mpi_fraction = 0;
  double interposer_time_s = 0;                // the interposer's own share of mpi_time_s
  std::optional<std::uint64_t> max_rss_bytes;  // resident high-water mark, when recorded
  std::map<std::string, RankCall> calls;
  // How this rank ended, when that is its own: a partial dump is one rank's, so its run.exit is
  // that rank's. None in a complete profile (every rank finalized).
  std::optional<ExitInfo> exit;
};

struct CommEntry {
  int src = 0, dst = 0;
  std::uint64_t messages = 0, bytes = 0;
};

struct CommMatrix {
  std::vector<CommEntry> entries;
  std::uint64_t cap = 0;
  bool truncated = false;
  std::uint64_t dropped_messages = 0, dropped_bytes = 0;
};

struct RegionRecord {
  std::string name;
  std::int64_t ranks = 0;
  std::uint64_t count = 0;
  double time_s = 0, mpi_time_s = 0;  // summed over ranks
};

// One frame of a call site (innermost first): where the code is (module + offset, the same on
// every rank) and, when the module had line tables, function, file and line (0: unknown).
struct CallsiteFrame {
  std::string function, file, module;
  std::int64_t line = 0;
  std::uint64_t offset = 0;
};

// One (call, calling location) over all ranks: mpiP's callsite statistics.
struct Callsite {
  std::string call;  // "MPI_Send"
  std::vector<CallsiteFrame> frames;
  std::uint64_t count = 0, bytes = 0;
  double time_s = 0;        // summed over ranks
  double share_of_mpi = 0;  // of the MPI time summed over ranks
  std::size_t ranks = 0;    // ranks that called from here
};

// The optional `callsites` section (present only when the run had HPCPAT_CALLSITES >= 1).
struct Callsites {
  bool present = false;
  int depth = 0;
  std::string resolver;          // "libdw" (function, file:line) or "dladdr" (module+offset)
  std::vector<Callsite> sites;   // by time_s, descending
  Callsite other;                // calls beyond the per-thread cap (frames empty)
};

struct Profile {
  bool complete = true;  // false: a partial per-rank dump (abort or signal)
  RunInfo run;
  Summary summary;
  std::vector<CallAggregate> calls;  // by time_s.sum, descending
  std::vector<RankEntry> ranks;
  CommMatrix comm_matrix;
  std::vector<RegionRecord> regions;
  std::vector<std::string> notes;
  Callsites callsites;
};

}  // namespace hpcpat::profile
