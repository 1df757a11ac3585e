// A case's history and its change points (history.hpp).
#include "hpcpat/compare/history.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/compare/stats.hpp"

namespace hpcpat::compare {
namespace {

std::vector<double> pooled(const std::vector<std::vector<double>> &groups, std::size_t lo,
                           std::size_t hi) {
  std::vector<double> out;
  for (std::size_t i = lo; i < hi; ++i) out.insert(out.end(), groups[i].begin(), groups[i].end());
  return out;
}

void segment(const std::vector<std::vector<double>> &groups, std::size_t lo, std::size_t hi,
             const ChangePointOptions &o, std::vector<ChangePoint> &found) {
  const std::size_t m = o.min_segment == 0 ? 1 : o.min_segment;
  if (hi - lo < 2 * m) return;
  const std::size_t candidates = hi - lo - 2 * m + 1;
  ChangePoint best;
  best.p = 2;
  for (std::size_t k = lo + m; k + m <= hi; ++k) {
    const std::vector<double> left = pooled(groups, lo, k), right = pooled(groups, k, hi);
    if (left.empty() || right.empty()) continue;
    const double p = mann_whitney(right, left).p;
    if (p < best.p) best = ChangePoint{k, p, std::nullopt};
  }
  if (!(best.p * static_cast<double>(candidates) < o.alpha)) return;
  found.push_back(best);
  segment(groups, lo, best.index, o, found);
  segment(groups, best.index, hi, o, found);
}

std::optional<double> median_of(const std::vector<double> &v) {
  if (v.empty()) return std::nullopt;
  return median(v);
}

}  // namespace

std::vector<ChangePoint> change_points(const std::vector<std::vector<double>> &groups,
                                       const ChangePointOptions &options) {
  std::vector<ChangePoint> found;
  segment(groups, 0, groups.size(), options, found);
  std::sort(found.begin(), found.end(),
            [](const ChangePoint &a, const ChangePoint &b) { return a.index < b.index; });
  for (std::size_t i = 0; i < found.size(); ++i) {
    const std::size_t before = i == 0 ? 0 : found[i - 1].index;
    const std::size_t after = i + 1 == found.size() ? groups.size() : found[i + 1].index;
    const auto a = median_of(pooled(groups, before, found[i].index));
    const auto b = median_of(pooled(groups, found[i].index, after));
    if (a && b && *a != 0) found[i].change = *b / *a - 1;
  }
  return found;
}

History build_history(std::span<const runs::RunSample> samples, std::string_view case_name,
                      Metric metric, const ChangePointOptions &options,
                      std::span<const std::string> ignore) {
  History h;
  h.case_name = case_name;
  h.metric = metric;
  h.options = options;
  std::map<std::string, double> study_start;
  std::set<std::string> cases;
  std::vector<runs::RunSample> mine;
  for (const runs::RunSample &r : samples) {
    auto [it, added] = study_start.try_emplace(r.study, r.started_epoch_s);
    if (!added) it->second = std::min(it->second, r.started_epoch_s);
    cases.insert(r.case_name);
    if (r.case_name == case_name) mine.push_back(r);
  }
  if (mine.empty()) {
    std::string known;
    for (const std::string &c : cases) known += (known.empty() ? "" : ", ") + c;
    throw InputError("case '" + std::string(case_name) + "': no run of it in the store (cases: " +
                     (known.empty() ? "none" : known) + ")");
  }
  // One MeasurementSet per study gives each configuration's values there, keyed alike.
  std::vector<std::string> studies;
  for (const runs::RunSample &r : mine) {
    if (std::find(studies.begin(), studies.end(), r.study) == studies.end()) {
      studies.push_back(r.study);
    }
  }
  std::sort(studies.begin(), studies.end(), [&](const std::string &a, const std::string &b) {
    return std::pair(study_start[a], a) < std::pair(study_start[b], b);
  });
  std::map<std::string, std::size_t> index;
  for (const std::string &study : studies) {
    std::vector<runs::RunSample> of_study;
    for (const runs::RunSample &r : mine) {
      if (r.study == study) of_study.push_back(r);
    }
    const MeasurementSet set = measurements_of_runs(of_study, metric, ignore, study);
    const MeasurementSet fractions =
        measurements_of_runs(of_study, Metric::mpi_fraction, ignore, study);
    h.unit = set.unit;
    for (std::size_t i = 0; i < set.series.size(); ++i) {
      const Series &s = set.series[i];
      auto [it, added] = index.try_emplace(s.key, h.series.size());
      if (added) {
        HistorySeries hs;
        hs.config = s;
        hs.config.values.clear();
        hs.config.left_out = 0;
        h.series.push_back(std::move(hs));
      }
      HistoryPoint p;
      p.study = study;
      p.started_epoch_s = study_start[study];
      p.values = s.values;
      p.value = median_of(s.values);
      p.mpi_fraction = median_of(fractions.series[i].values);
      p.left_out = s.left_out;
      h.series[it->second].points.push_back(std::move(p));
    }
  }
  for (HistorySeries &hs : h.series) {
    std::vector<std::vector<double>> groups;
    for (const HistoryPoint &p : hs.points) groups.push_back(p.values);
    hs.changes = change_points(groups, options);
  }
  return h;
}

nlohmann::json history_json(const History &h) {
  const auto number_or_null = [](std::optional<double> v) {
    return v && std::isfinite(*v) ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  nlohmann::json doc = {{"schema", kHistorySchema},
                        {"case", h.case_name},
                        {"metric",
                         {{"name", std::string(metric_name(h.metric))},
                          {"unit", h.unit},
                          {"better", higher_is_better(h.metric) ? "higher" : "lower"}}},
                        {"method",
                         {{"name", "binary segmentation"},
                          {"test", "mann-whitney"},
                          {"alpha", h.options.alpha},
                          {"correction", "bonferroni over candidate splits"},
                          {"min_segment", h.options.min_segment}}},
                        {"series", nlohmann::json::array()}};
  for (const HistorySeries &hs : h.series) {
    const Series &c = hs.config;
    nlohmann::json s = {{"key", c.key},
                        {"case", c.case_name},
                        {"nodes", c.nodes ? nlohmann::json(*c.nodes) : nlohmann::json(nullptr)},
                        {"ranks", c.ranks ? nlohmann::json(*c.ranks) : nlohmann::json(nullptr)},
                        {"parameters", c.parameters},
                        {"points", nlohmann::json::array()},
                        {"change_points", nlohmann::json::array()}};
    for (std::size_t i = 0; i < hs.points.size(); ++i) {
      const HistoryPoint &p = hs.points[i];
      const bool change = std::any_of(hs.changes.begin(), hs.changes.end(),
                                      [i](const ChangePoint &cp) { return cp.index == i; });
      s["points"].push_back({{"study", p.study},
                             {"started_epoch_s", p.started_epoch_s},
                             {"n", p.values.size()},
                             {"left_out", p.left_out},
                             {"values", p.values},
                             {"value", number_or_null(p.value)},
                             {"mpi_fraction", number_or_null(p.mpi_fraction)},
                             {"change_point", change}});
    }
    for (const ChangePoint &cp : hs.changes) {
      s["change_points"].push_back({{"index", cp.index},
                                    {"study", hs.points[cp.index].study},
                                    {"p", cp.p},
                                    {"change", number_or_null(cp.change)}});
    }
    doc["series"].push_back(std::move(s));
  }
  return doc;
}

}  // namespace hpcpat::compare
