// Pattern classification of profiles and of a study's runs (`hpcpat patterns`): each run's
// features (features.hpp) and labels (rules.hpp), and for a study each case's features against
// its node count. The views (text table, patterns.v1 JSON) are in patterns_view.hpp.
//
// The public interface other parts call (the HTML report among them):
//   PatternsReport r = analyse_study(samples);      // RunSamples of one study (analysis/runs)
//   PatternsReport r = analyse_profiles({{"a.json", profile}, ...});
//   nlohmann::json j = report_json(r);               // schemas/patterns.v1.schema.json
//   nlohmann::json one = run_json(r.runs[i]);        // what the store keeps as patterns.json
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "hpcpat/base/input_file.hpp"
#include "hpcpat/patterns/features.hpp"
#include "hpcpat/patterns/rules.hpp"
#include "hpcpat/profile/profile.hpp"
#include "hpcpat/runs/run_sample.hpp"

namespace hpcpat::patterns {

struct PatternedRun {
  std::string name;     // the study's run name, or what the profile was read from
  std::string study;    // "" for a profile given by path
  std::string case_key;  // runs::group_key without nodes: one case across node counts
  std::string case_name, app;
  int nodes = 1, ranks = 1;
  std::string profile;  // the profile's path
  Features features;
  std::vector<LabelResult> labels;
};

// A case's features at one node count: medians over the repeats there.
struct TrendPoint {
  int nodes = 1, ranks = 1;
  std::size_t runs = 0;
  double mpi_fraction_median = 0, p2p_share = 0, allreduce_share = 0, alltoall_share = 0;
  double imbalance = 1, message_rate = 0, partners_mean = 0;
};

struct Trend {
  std::string case_key;
  std::vector<TrendPoint> points;  // by node count, ascending
};

struct Skipped {
  std::string name, reason;  // a run without a profile, or one that did not end ok
};

struct PatternsReport {
  std::string study;  // "" when profiles were given
  std::vector<PatternedRun> runs;
  std::vector<Trend> trends;  // a study's cases measured at more than one node count
  std::vector<Skipped> skipped;
};

// A run's features and labels from its profile.
PatternedRun analyse_profile(const profile::Profile &p, std::string name);

struct NamedProfile {
  std::string name;
  profile::Profile profile;
};
PatternsReport analyse_profiles(std::vector<NamedProfile> profiles);

// Reads every ok run's profile (at most `max_bytes` each; a profile that cannot be read is an
// InputError naming it, exit 2), classifies it and adds the trends. Runs that did not end ok or
// left no profile are listed as skipped. InputError when no run is left to classify.
PatternsReport analyse_study(std::span<const runs::RunSample> samples,
                             std::uint64_t max_bytes = kDefaultMaxInputBytes);

// The trends of `runs` (their case_key and node counts); analyse_study calls it.
std::vector<Trend> trends(const std::vector<PatternedRun> &runs);

}  // namespace hpcpat::patterns
