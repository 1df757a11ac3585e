// The text and JSON views of a PatternsReport (patterns_view.hpp).
#include "hpcpat/patterns/patterns_view.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "hpcpat/mpi_category.hpp"

namespace hpcpat::patterns {
namespace {

using nlohmann::json;

std::string format(const char *fmt, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

std::string bytes_text(double b) {
  if (b <= 0) return "-";
  if (b >= 1 << 20) return format("%.1fM", b / (1 << 20));
  if (b >= 1 << 10) return format("%.1fK", b / (1 << 10));
  return format("%.0f", b);
}

std::string labels_text(const std::vector<LabelResult> &labels) {
  if (labels.empty()) return "-";
  std::string s;
  for (const LabelResult &l : labels) {
    s += (s.empty() ? "" : ", ") + std::string(label_name(l.label)) + format(" %.2f", l.confidence);
  }
  return s;
}

// Left-aligned columns padded to their widest cell.
std::string table(const std::vector<std::vector<std::string>> &rows) {
  std::vector<std::size_t> width;
  for (const auto &row : rows) {
    width.resize(std::max(width.size(), row.size()), 0);
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  std::string out;
  for (const auto &row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(width[i] - row[i].size() + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

std::string pct(double share) { return format("%.0f%%", 100 * share); }

}  // namespace

json features_json(const Features &f) {
  json categories = json::object();
  for (MpiCategory c : kMpiCategories) {
    categories[std::string(mpi_category_name(c))] = f.share(c);
  }
  json dominant = json::array();
  for (const CallShare &c : f.dominant_calls) dominant.push_back({{"call", c.name}, {"share", c.share}});
  const MatrixShape &m = f.matrix;
  return {{"ranks", f.ranks},
          {"nodes", f.nodes},
          {"mpi_fraction_median", f.mpi_fraction_median},
          {"mpi_fraction_spread", f.mpi_fraction_spread},
          {"categories", categories},
          {"p2p_share", f.p2p_share},
          {"allreduce_share", f.allreduce_share},
          {"alltoall_share", f.alltoall_share},
          {"barrier_share", f.barrier_share},
          {"allreduce_run_share", f.allreduce_run_share},
          {"alltoall_run_share", f.alltoall_run_share},
          {"dominant_calls", dominant},
          {"p2p_mean_bytes", f.p2p_mean_bytes},
          {"p2p_median_bytes", f.p2p_median_bytes},
          {"message_rate", f.message_rate},
          {"imbalance", f.imbalance},
          {"mpi_time_cov", f.mpi_time_cov},
          {"matrix",
           {{"messages", m.messages},
            {"bytes", m.bytes},
            {"partners_mean", m.partners_mean},
            {"partners_max", m.partners_max},
            {"partner_fraction", feature_value(f, "partner_fraction")},
            {"density", m.density},
            {"mean_distance", m.mean_distance},
            {"wrap_share", m.wrap_share},
            {"reciprocity", m.reciprocity},
            {"periodic", m.periodic},
            {"truncated", m.truncated}}}};
}

json labels_json(const std::vector<LabelResult> &labels) {
  json out = json::array();
  for (const LabelResult &l : labels) {
    json evidence = json::array();
    for (const Evidence &e : l.evidence) {
      evidence.push_back({{"threshold", e.threshold->id},
                          {"feature", e.threshold->feature},
                          {"op", e.threshold->op == Op::at_least ? ">=" : "<="},
                          {"value", e.value},
                          {"limit", e.threshold->value},
                          {"confidence", e.confidence}});
    }
    out.push_back({{"label", label_name(l.label)},
                   {"confidence", l.confidence},
                   {"evidence", evidence}});
  }
  return out;
}

json run_json(const PatternedRun &r) {
  return {{"name", r.name},       {"study", r.study},     {"case", r.case_name},
          {"app", r.app},         {"nodes", r.nodes},     {"ranks", r.ranks},
          {"profile", r.profile}, {"labels", labels_json(r.labels)},
          {"features", features_json(r.features)}};
}

json report_json(const PatternsReport &r) {
  json runs = json::array();
  for (const PatternedRun &run : r.runs) runs.push_back(run_json(run));
  json skipped = json::array();
  for (const Skipped &s : r.skipped) skipped.push_back({{"name", s.name}, {"reason", s.reason}});
  json trends = json::array();
  for (const Trend &t : r.trends) {
    json points = json::array();
    for (const TrendPoint &p : t.points) {
      points.push_back({{"nodes", p.nodes},
                        {"ranks", p.ranks},
                        {"runs", p.runs},
                        {"mpi_fraction_median", p.mpi_fraction_median},
                        {"p2p_share", p.p2p_share},
                        {"allreduce_share", p.allreduce_share},
                        {"alltoall_share", p.alltoall_share},
                        {"imbalance", p.imbalance},
                        {"message_rate", p.message_rate},
                        {"partners_mean", p.partners_mean}});
    }
    trends.push_back({{"case", t.case_key}, {"points", points}});
  }
  json thresholds = json::array();
  for (const Threshold &t : kThresholds) {
    thresholds.push_back({{"id", t.id},
                          {"feature", t.feature},
                          {"op", t.op == Op::at_least ? ">=" : "<="},
                          {"value", t.value}});
  }
  json out = {{"schema", kPatternsSchemaId}, {"runs", runs},          {"skipped", skipped},
              {"trends", trends},             {"thresholds", thresholds}};
  out["study"] = r.study.empty() ? json(nullptr) : json(r.study);
  return out;
}

std::string report_text(const PatternsReport &r) {
  std::vector<std::vector<std::string>> rows = {
      {"RUN", "RANKS", "LABELS (confidence)", "MPI%", "P2P", "ALLRED", "A2A", "MSG~", "PARTNERS",
       "IMB"}};
  for (const PatternedRun &run : r.runs) {
    const Features &f = run.features;
    rows.push_back({run.name, std::to_string(run.ranks), labels_text(run.labels),
                    pct(f.mpi_fraction_median), pct(f.p2p_share), pct(f.allreduce_share),
                    pct(f.alltoall_share), bytes_text(f.p2p_median_bytes),
                    format("%.1f", f.matrix.partners_mean) + (f.matrix.periodic ? " periodic" : ""),
                    format("%.2f", f.imbalance)});
  }
  std::string out = table(rows);
  for (const Skipped &s : r.skipped) out += "skipped " + s.name + ": " + s.reason + "\n";
  for (const Trend &t : r.trends) {
    out += "\n" + t.case_key + ": features by node count\n";
    std::vector<std::vector<std::string>> trows = {
        {"NODES", "RANKS", "RUNS", "MPI%", "P2P", "ALLRED", "A2A", "IMB", "MSG/S", "PARTNERS"}};
    for (const TrendPoint &p : t.points) {
      trows.push_back({std::to_string(p.nodes), std::to_string(p.ranks), std::to_string(p.runs),
                       pct(p.mpi_fraction_median), pct(p.p2p_share), pct(p.allreduce_share),
                       pct(p.alltoall_share), format("%.2f", p.imbalance),
                       format("%.0f", p.message_rate), format("%.1f", p.partners_mean)});
    }
    out += table(trows);
  }
  return out;
}

}  // namespace hpcpat::patterns
