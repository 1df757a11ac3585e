// Classifying profiles and a study's runs (patterns.hpp).
#include "hpcpat/patterns/patterns.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/profile/profile_reader.hpp"

namespace hpcpat::patterns {
namespace {

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

TrendPoint point_of(const std::vector<const PatternedRun *> &at) {
  TrendPoint p;
  p.nodes = at.front()->nodes;
  p.ranks = at.front()->ranks;
  p.runs = at.size();
  auto med = [&at](auto get) {
    std::vector<double> v;
    for (const PatternedRun *r : at) v.push_back(get(r->features));
    return median(std::move(v));
  };
  p.mpi_fraction_median = med([](const Features &f) { return f.mpi_fraction_median; });
  p.p2p_share = med([](const Features &f) { return f.p2p_share; });
  p.allreduce_share = med([](const Features &f) { return f.allreduce_share; });
  p.alltoall_share = med([](const Features &f) { return f.alltoall_share; });
  p.imbalance = med([](const Features &f) { return f.imbalance; });
  p.message_rate = med([](const Features &f) { return f.message_rate; });
  p.partners_mean = med([](const Features &f) { return f.matrix.partners_mean; });
  return p;
}

}  // namespace

PatternedRun analyse_profile(const profile::Profile &p, std::string name) {
  PatternedRun r;
  r.name = std::move(name);
  r.app = p.run.app;
  r.nodes = p.run.nodes.value_or(1);
  r.ranks = p.run.ranks;
  r.features = compute_features(p);
  r.labels = classify(r.features);
  return r;
}

PatternsReport analyse_profiles(std::vector<NamedProfile> profiles) {
  PatternsReport report;
  for (NamedProfile &n : profiles) {
    PatternedRun r = analyse_profile(n.profile, n.name);
    r.profile = n.name;
    report.runs.push_back(std::move(r));
  }
  return report;
}

PatternsReport analyse_study(std::span<const runs::RunSample> samples, std::uint64_t max_bytes) {
  PatternsReport report;
  for (const runs::RunSample &s : samples) {
    if (report.study.empty()) report.study = s.study;
    if (!s.ok()) {
      report.skipped.push_back({s.run, "status " + s.status});
      continue;
    }
    if (s.profile.empty()) {
      report.skipped.push_back({s.run, "no profile"});
      continue;
    }
    PatternedRun r = analyse_profile(profile::read_profile(s.profile, max_bytes), s.run);
    r.study = s.study;
    r.case_key = runs::group_key(s, {.nodes = true});
    r.case_name = s.case_name;
    r.app = s.app;
    r.nodes = s.nodes;
    r.ranks = s.ranks;
    r.profile = s.profile.string();
    report.runs.push_back(std::move(r));
  }
  if (report.runs.empty()) {
    throw InputError(samples.empty()
                         ? std::string("the study has no complete run to classify")
                         : "study '" + report.study + "': none of its " +
                               std::to_string(samples.size()) +
                               " run(s) ended ok with a profile; nothing to classify");
  }
  report.trends = trends(report.runs);
  return report;
}

std::vector<Trend> trends(const std::vector<PatternedRun> &runs) {
  std::vector<Trend> out;
  std::map<std::string, std::size_t> index;  // case key -> position in `out`, first-seen order
  std::vector<std::map<int, std::vector<const PatternedRun *>>> by_nodes;
  for (const PatternedRun &r : runs) {
    if (r.case_key.empty()) continue;
    auto [it, fresh] = index.emplace(r.case_key, out.size());
    if (fresh) {
      out.push_back({r.case_key, {}});
      by_nodes.emplace_back();
    }
    by_nodes[it->second][r.nodes].push_back(&r);
  }
  std::vector<Trend> kept;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (by_nodes[i].size() < 2) continue;  // one node count: no change to show
    for (const auto &[nodes, at] : by_nodes[i]) out[i].points.push_back(point_of(at));
    kept.push_back(std::move(out[i]));
  }
  return kept;
}

}  // namespace hpcpat::patterns
