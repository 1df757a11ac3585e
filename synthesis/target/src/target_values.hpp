// The parts of one group of a target spec, each read and checked from its node in core/yaml's
// wording: how much work, the durations, the mix of patterns or apps, the node counts, the
// arrival. The document and its groups are read in target_spec.cpp.
#pragma once

#include <string>
#include <vector>

#include "hpcpat/target/target_spec.hpp"
#include "hpcpat/yaml/yaml_reader.hpp"

namespace hpcpat::target {

// Bounds the header leaves to the reader: they keep every sum and draw finite, far above any
// ensemble a person writes.
inline constexpr std::size_t kMaxNodeCounts = 64;
inline constexpr std::size_t kMaxMixEntries = 64;
inline constexpr std::size_t kMaxEmpiricalValues = 10000;
inline constexpr double kMaxWeight = 1e6;
inline constexpr double kMaxSigma = 10;
inline constexpr double kMaxRatePerMinute = 1e6;
inline constexpr double kMinTimeLimitFactor = 1, kMaxTimeLimitFactor = 100;

// Exactly one of `jobs`, `node_hours`, `makespan_s` in the group's map `group`.
Work read_work(const yaml::YamlReader &y, const YAML::Node &group, const std::string &path,
               int cluster_nodes);
Durations read_durations(const yaml::YamlReader &y, const YAML::Node &n, const std::string &path);
// Exactly one of `patterns` (analysis/patterns' labels) and `apps` (names) in `group`.
Mix read_mix(const yaml::YamlReader &y, const YAML::Node &group, const std::string &path);
// Ascending, distinct node counts from 1 to cluster_nodes.
std::vector<int> read_node_counts(const yaml::YamlReader &y, const YAML::Node &n,
                                  const std::string &path, int cluster_nodes);
// `work` is the group's: waves cannot outnumber a fixed number of jobs.
Arrival read_arrival(const yaml::YamlReader &y, const YAML::Node &n, const std::string &path,
                     const Work &work);

}  // namespace hpcpat::target
