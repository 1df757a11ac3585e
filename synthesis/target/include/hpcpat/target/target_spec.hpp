// What an ensemble should look like (docs/synthesis.md, schemas/synth.v1.schema.json): how much
// work, how long its jobs last, which patterns (or apps) they have, on how many nodes, when they
// arrive and after which group. hpcpat synth plans an ensemble that meets it from measured models
// (synthesis/plan); this is only the spec, read and validated strictly as it is read: every
// refusal is one hpcpat::InputError "FILE:LINE: FIELD.PATH: expected ..., got ..." (exit 2).
//
//   ensemble: sim-then-train        # [A-Za-z0-9][A-Za-z0-9._-]{0,63}
//   seed: 7                         # 0 .. 2^63-1: same spec + same models -> same files
//   cluster: {nodes: 4}             # the cluster's size; no job asks for more
//   image: ghcr.io/x/hpcpat:google  # optional: the image the manifests run
//   workdir: /tmp/ensemble          # optional: the jobs' working directory
//   time_limit: 2.0                 # optional: each job's limit, x its predicted duration
//   groups:
//     - name: simulation
//       jobs: 8                     # exactly one of jobs, node_hours, makespan_s
//       durations: {distribution: uniform, min_s: 20, max_s: 60}
//       patterns: {halo: 0.6, allreduce-heavy: 0.4}    # or apps: {minimd: 1, cg: 2}
//       nodes: [1, 2]
//       arrival: {shape: poisson, rate_per_minute: 6}  # or at_start, or waves
//     - name: training
//       after: simulation
//       jobs: 4
//       durations: {distribution: fixed, seconds: 30}
//       patterns: {allreduce-heavy: 1}
//       nodes: [2]
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpcpat::target {

inline constexpr int kMaxJobs = 100000;            // per ensemble, over all groups
inline constexpr std::size_t kMaxGroups = 64;
inline constexpr int kMaxClusterNodes = 65536;
inline constexpr double kMaxSeconds = 30 * 24 * 3600.0;  // any one duration, interval or makespan
inline constexpr std::uint64_t kMaxSpecBytes = 1 << 20;

// How much work a group is: `jobs: N`, `node_hours: H` (jobs are drawn until their predicted
// nodes x seconds reach H), or `makespan_s: T` (until they would keep the whole cluster busy
// for T seconds: node-seconds reach cluster.nodes x T).
struct Work {
  enum class Kind { jobs, node_hours, makespan } kind = Kind::jobs;
  int jobs = 0;
  double node_hours = 0;
  double makespan_s = 0;
};

// The duration of each job, in seconds:
//   {distribution: fixed, seconds: S}
//   {distribution: uniform, min_s: A, max_s: B}                 (A < B)
//   {distribution: lognormal, median_s: M, sigma: G, min_s: A, max_s: B}   (A <= M <= B, G > 0;
//        draws outside [A, B] are drawn again: a truncated log-normal, bounds required)
//   {distribution: empirical, values_s: [..]}                   (drawn uniformly from the list)
// min_s/max_s, where given, are the bounds every drawn value lies in; for fixed and empirical
// they are the value's and the list's extremes.
struct Durations {
  enum class Shape { fixed, uniform, lognormal, empirical } shape = Shape::fixed;
  double seconds = 0;             // fixed
  double min_s = 0, max_s = 0;    // every shape (see above)
  double median_s = 0, sigma = 0;  // lognormal
  std::vector<double> values_s;   // empirical, as written
};

// Weights over pattern labels (analysis/patterns' names: halo, allreduce-heavy, ...) or over apps
// and cases by name (a built-in app, or a case name of the measured studies). Weights are > 0
// and need not sum to 1: they are normalised. Entries keep the spec's order.
struct MixEntry {
  std::string name;
  double weight = 0;
};
struct Mix {
  enum class Kind { patterns, apps } kind = Kind::patterns;
  std::vector<MixEntry> entries;
};

// When a group's jobs arrive, in seconds after the group may start (the ensemble's start, or the
// end of the group it comes after):
//   {shape: at_start}                               all at once (the default)
//   {shape: waves, count: K, interval_s: T}         K equal waves, T apart
//   {shape: poisson, rate_per_minute: R}            exponential gaps of mean 60/R s
struct Arrival {
  enum class Shape { at_start, waves, poisson } shape = Shape::at_start;
  int waves = 1;
  double interval_s = 0;
  double rate_per_minute = 0;
};

struct GroupSpec {
  std::string name;                // unique in the spec
  std::optional<std::string> after;  // a group listed before this one
  Work work;
  Durations durations;
  Mix mix;
  std::vector<int> nodes;          // allowed node counts, ascending, distinct, <= cluster.nodes
  Arrival arrival;
  int line = 0;                    // where the group starts in the file, for the planner's messages
};

struct TargetSpec {
  std::string file;  // as given, for messages
  std::string ensemble;
  std::uint64_t seed = 0;
  int cluster_nodes = 1;
  std::string image;    // "" none given
  std::string workdir;  // "" none given
  double time_limit_factor = 2.0;  // 1 .. 100
  std::vector<GroupSpec> groups;   // in the spec's order; a group's `after` names an earlier one

  // A group's phase: 1 without `after`, else 1 + the phase of the group it comes after.
  int phase_of(const GroupSpec &g) const;
};

// Reads and validates the file: a regular file of at most kMaxSpecBytes.
TargetSpec load_target(const std::filesystem::path &file);
// The same from text already read; `file` names it in messages.
TargetSpec parse_target(std::string_view yaml, const std::string &file);

}  // namespace hpcpat::target
