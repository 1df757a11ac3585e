#include "hpcpat/kernels/json_report.hpp"

#include <map>
#include <string>

#include "hpcpat/contract.h"
#include "hpcpat/kernels/figures.hpp"

namespace hpcpat::kernels {
namespace {

const char *family_name(Family f) {
  switch (f) {
    case Family::latency:
      return "latency";
    case Family::multi_latency:
      return "multi_latency";
    case Family::bandwidth:
      return "bandwidth";
    case Family::message_rate:
      return "message_rate";
    case Family::collective:
      return "collective";
    case Family::barrier:
      return "barrier";
    case Family::halo:
      return "halo";
    case Family::overlap:
      return "overlap";
  }
  return "?";
}

nlohmann::json plan_json(const IterationPlan &p) {
  return {{"warmup", p.warmup}, {"iterations", p.iterations}};
}

nlohmann::json row_json(const KernelInfo &info, const SizeSummary &row, int ranks, int window) {
  nlohmann::json j = {
      {"size", row.size},
      {"warmup", row.warmup},
      {"iterations", row.iterations},
      {"planned_iterations", row.planned},
      {"budget_hit", row.budget_hit},
      {"reporting_ranks", row.rank_means_us.size()},
      {"time_us", {{"avg", row.time_us.avg}, {"min", row.time_us.min}, {"max", row.time_us.max}}},
  };
  if (row.p50_us) {
    j["time_us"]["p50"] = *row.p50_us;
    j["time_us"]["p90"] = *row.p90_us;
    j["time_us"]["p99"] = *row.p99_us;
  }
  const RowFigures f = figures_for(info, row, ranks, window);
  if (f.bandwidth_mb_s) j["bandwidth_mb_s"] = *f.bandwidth_mb_s;
  if (f.messages_per_s) j["messages_per_s"] = *f.messages_per_s;
  if (f.bus) j["bus_bandwidth"] = {{"alg_gb_s", f.bus->alg_gb_s}, {"bus_gb_s", f.bus->bus_gb_s}};
  if (row.overlap) {
    j["overlap"] = {{"overall_us", row.overlap->overall_us},
                    {"compute_us", row.overlap->compute_us},
                    {"pure_comm_us", row.overlap->pure_comm_us},
                    {"overlap_pct", row.overlap->overlap_pct}};
  }
  return j;
}

nlohmann::json calls_json(const std::uint64_t *calls, const std::uint64_t *bytes) {
  nlohmann::json j = nlohmann::json::object();
  for (int i = 0; i < kNumRoutines; ++i) {
    if (calls[i] == 0) continue;
    j[std::string(routine_name(static_cast<Routine>(i)))] = {{"count", calls[i]},
                                                             {"bytes", bytes[i]}};
  }
  return j;
}

nlohmann::json mismatch_json(const Mismatch &m) {
  return {{"size", m.size},     {"iteration", m.iteration}, {"src", m.src},
          {"offset", m.offset}, {"expected", m.expected},   {"got", m.got}};
}

}  // namespace

nlohmann::json json_report(const KernelInfo &info, const KernelOptions &options,
                           const nlohmann::json &run, const std::vector<SizeSummary> &rows,
                           const std::vector<RankReport> &ranks) {
  const int n = static_cast<int>(ranks.size());
  std::map<std::string, std::vector<int>> by_host;
  for (int r = 0; r < n; ++r) by_host[ranks[static_cast<std::size_t>(r)].host].push_back(r);

  nlohmann::json placement = nlohmann::json::array();
  nlohmann::json per_rank = nlohmann::json::array();
  std::uint64_t total_calls[kNumRoutines] = {};
  std::uint64_t total_bytes[kNumRoutines] = {};
  std::uint64_t checked = 0, mismatches = 0;
  nlohmann::json first = nullptr;
  for (int r = 0; r < n; ++r) {
    const RankReport &rec = ranks[static_cast<std::size_t>(r)];
    placement.push_back({{"rank", r},
                         {"host", rec.host},
                         {"cpuset", rec.cpuset},
                         {"bound", rec.bound != 0},
                         {"last_cpu", rec.last_cpu},
                         {"node_ranks", by_host[rec.host]}});
    per_rank.push_back({{"rank", r}, {"mpi_calls", calls_json(rec.calls, rec.bytes)}});
    for (int i = 0; i < kNumRoutines; ++i) {
      total_calls[i] += rec.calls[i];
      total_bytes[i] += rec.bytes[i];
    }
    checked += rec.bytes_checked;
    if (rec.mismatches > 0 && first.is_null()) {
      first = mismatch_json(rec.first);
      first["rank"] = r;
    }
    mismatches += rec.mismatches;
  }

  nlohmann::json results = nlohmann::json::array();
  for (const SizeSummary &row : rows) results.push_back(row_json(info, row, n, options.window));

  const SweepConfig &sw = options.sweep;
  nlohmann::json method = {
      {"min_size", info.family == Family::barrier ? 0 : sw.min_size},
      {"max_size", info.family == Family::barrier ? 0 : sw.max_size},
      {"large_threshold", sw.large_threshold},
      {"small", plan_json(sw.small)},
      {"large", plan_json(sw.large)},
      {"window", info.per_window ? nlohmann::json(options.window) : nlohmann::json(nullptr)},
      {"budget_s", options.budget_s},
      {"validate", options.validate},
      {"timer", "steady_clock (clock_gettime CLOCK_MONOTONIC)"},
      {"timing", options.timing == Timing::loop ? "loop" : "iteration"},
      {"name", options.method == Method::imb ? "imb" : "osu"},
  };
  const bool ok = mismatches == 0;
  return {
      {"schema", contract::kKernelsSchemaId},
      {"kernel", info.name},
      {"family", family_name(info.family)},
      {"run", run},
      {"method", method},
      {"placement", placement},
      {"results", results},
      {"mpi_calls", calls_json(total_calls, total_bytes)},
      {"ranks", per_rank},
      {"validation",
       {{"enabled", options.validate},
        {"bytes_checked", checked},
        {"mismatches", mismatches},
        {"first_mismatch", first}}},
      {"ok", ok},
  };
}

}  // namespace hpcpat::kernels
