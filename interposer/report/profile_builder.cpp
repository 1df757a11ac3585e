#include "profile_builder.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "hpcpat/contract.h"
#include "hpcpat/runinfo/run_object.hpp"
#include "metadata.hpp"
#include "stats.hpp"
#include "timer.hpp"

namespace hpcpat::pmpi::report {

namespace {

using nlohmann::json;

// The TSC against CLOCK_MONOTONIC over the ranks that could check it (timer.hpp compare_rates).
json timer_check_summary(const GatheredRun &g) {
  std::uint64_t checked = 0, disagreeing = 0;
  double worst = 0;
  for (const RankWireRecord &rec : g.ranks) {
    if (rec.timer_checked == 0) continue;
    ++checked;
    if (rec.timer_agrees == 0) ++disagreeing;
    if (std::abs(rec.timer_rate_change) > std::abs(worst)) worst = rec.timer_rate_change;
  }
  return {{"checked_ranks", checked},
          {"disagreeing_ranks", disagreeing},
          {"max_rate_change", worst},
          {"tolerance", kTimerRateTolerance}};
}

json build_run(const BuildInput &in, const GatheredRun &g) {
  json run = in.run_static;
  std::vector<std::string> rank_hosts;
  double wall = 0;
  std::uint64_t threads = 1;
  for (const RankWireRecord &rec : g.ranks) {
    rank_hosts.emplace_back(rec.host);
    wall = std::max(wall, rec.app_s);
    threads = std::max(threads, rec.threads);  // threads with timed calls, as in mpi_fraction
  }
  runinfo::set_hosts(run, rank_hosts);
  run["threads"] = {{"level", thread_level_name(in.thread_level)}, {"max_per_rank", threads}};
  run["wall_s"] = wall;
  run["exit"] = {{"status", "finalized"}, {"code", 0}, {"signal", nullptr}};
  run["timer"]["check"] = timer_check_summary(g);
  return run;
}

json build_summary(const GatheredRun &g) {
  std::vector<double> fractions, app, mpi;
  double category[kNumCategories] = {};
  for (const RankWireRecord &rec : g.ranks) {
    fractions.push_back(rec.fraction);
    app.push_back(rec.app_s);
    mpi.push_back(rec.mpi_s);
    for (int k = 0; k < kNumCategories; ++k) category[k] += rec.category_s[k];
  }
  const Describe f = describe(fractions);
  const Describe m = describe(mpi);
  double mpi_total = 0;
  for (const double x : mpi) mpi_total += x;
  json shares = json::object();
  for (int k = 0; k < kNumCategories; ++k) {
    shares[category_name(static_cast<Category>(k))] = mpi_total > 0 ? category[k] / mpi_total : 0.0;
  }
  return {{"mpi_fraction",
           {{"min", f.min},
            {"median", f.median},
            {"mean", f.mean},
            {"max", f.max},
            {"stdev", f.stdev}}},
          {"app_time_s", describe(app).mean},
          {"mpi_time_s", m.mean},
          {"categories", std::move(shares)},
          {"imbalance", m.mean > 0 ? std::max(1.0, m.max / m.mean) : 1.0}};
}

json build_calls(const GatheredRun &g) {
  struct Row {
    int call;
    double sum;
  };
  std::vector<Row> rows;
  for (int c = 0; c < kNumCalls; ++c) {
    std::uint64_t count = 0;
    double sum = 0;
    for (const RankWireRecord &rec : g.ranks) {
      count += rec.calls[c].count;
      sum += rec.calls[c].time_s;
    }
    if (count > 0) rows.push_back({c, sum});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row &a, const Row &b) { return a.sum > b.sum; });
  json calls = json::array();
  for (const Row &row : rows) {
    const int c = row.call;
    std::uint64_t count = 0, bytes = 0;
    std::vector<double> per_rank;
    for (const RankWireRecord &rec : g.ranks) {
      count += rec.calls[c].count;
      bytes += rec.calls[c].bytes;
      per_rank.push_back(rec.calls[c].time_s);
    }
    const Describe t = describe(per_rank);
    json histogram = json::array();
    for (int b = 0; b < kSizeBins; ++b) {
      const std::size_t i = static_cast<std::size_t>(c) * kSizeBins + static_cast<std::size_t>(b);
      if (g.bin_count[i] == 0) continue;
      histogram.push_back({{"bin", b},
                           {"lo", bin_lo(b)},
                           {"hi", bin_hi(b)},
                           {"count", g.bin_count[i]},
                           {"time_s", g.bin_time[i]},
                           {"bytes", g.bin_bytes[i]}});
    }
    calls.push_back(
        {{"name", kCalls[c].name},
         {"category", category_name(kCalls[c].category)},
         {"count", count},
         {"time_s",
          {{"sum", row.sum}, {"min", t.min}, {"max", t.max}, {"mean", t.mean}, {"cov", t.cov()}}},
         {"bytes", bytes},
         {"histogram", std::move(histogram)}});
  }
  return calls;
}

json build_ranks(const GatheredRun &g) {
  json ranks = json::array();
  for (std::size_t r = 0; r < g.ranks.size(); ++r) {
    const RankWireRecord &rec = g.ranks[r];
    json calls = json::object();
    for (int c = 0; c < kNumCalls; ++c) {
      const CallRow &row = rec.calls[c];
      if (row.count == 0) continue;
      calls[kCalls[c].name] = {{"count", row.count}, {"time_s", row.time_s}, {"bytes", row.bytes}};
    }
    ranks.push_back({{"rank", r},
                     {"host", rec.host},
                     {"app_time_s", rec.app_s},
                     {"mpi_time_s", rec.mpi_s},
                     {"mpi_fraction", rec.fraction},
                     {"interposer_time_s", rec.interposer_s},
                     {"max_rss_bytes", rec.max_rss_bytes},
                     {"calls", std::move(calls)}});
  }
  return ranks;
}

json build_matrix(const BuildInput &in, const GatheredRun &g) {
  auto rows = g.matrix;
  std::sort(rows.begin(), rows.end());  // by src, then dst: easy to read and to diff
  json entries = json::array();
  for (const auto &row : rows) entries.push_back(row);
  return {{"entries", std::move(entries)},
          {"cap", in.matrix_cap},
          {"truncated", g.dropped_messages > 0},
          {"dropped_messages", g.dropped_messages},
          {"dropped_bytes", g.dropped_bytes}};
}

json build_regions(const GatheredRun &g, std::uint64_t &dropped) {
  struct Sum {
    std::uint64_t ranks = 0, count = 0;
    double time = 0, mpi = 0;
  };
  std::map<std::string, Sum> sums;
  dropped = 0;
  for (const RankWireRecord &rec : g.ranks) {
    dropped += rec.dropped_regions;
    const auto n = std::min<std::uint64_t>(rec.num_regions, kMaxMergedRegions);
    for (std::uint64_t i = 0; i < n; ++i) {
      const RegionRow &row = rec.regions[i];
      Sum &s = sums[std::string(row.name, strnlen(row.name, kRegionNameMax))];
      s.ranks += 1;
      s.count += row.count;
      s.time += row.time_s;
      s.mpi += row.mpi_time_s;
    }
  }
  std::vector<std::pair<std::string, Sum>> sorted(sums.begin(), sums.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto &a, const auto &b) { return a.second.time > b.second.time; });
  json regions = json::array();
  for (const auto &[name, s] : sorted) {
    regions.push_back({{"name", name},
                       {"ranks", s.ranks},
                       {"count", s.count},
                       {"time_s", s.time},
                       {"mpi_time_s", s.mpi}});
  }
  return regions;
}

}  // namespace

json build_profile(const BuildInput &in, const GatheredRun &g) {
  std::uint64_t dropped_regions = 0;
  json regions = build_regions(g, dropped_regions);
  json notes = in.notes;
  std::uint64_t max_threads = 1;
  for (const RankWireRecord &rec : g.ranks) max_threads = std::max(max_threads, rec.threads);
  if (max_threads > 1) {
    notes.push_back("ranks called MPI from up to " + std::to_string(max_threads) +
                    " threads: mpi_time_s sums over threads and mpi_fraction divides it by "
                    "app_time_s x threads that called MPI");
  }
  std::uint64_t overflowed = 0, untracked = 0;
  for (const RankWireRecord &rec : g.ranks) {
    overflowed = std::max(overflowed, rec.threads_overflowed);
    untracked += rec.untracked_requests;
  }
  if (overflowed > 0) {
    notes.push_back("up to " + std::to_string(overflowed) +
                    " threads per rank came after the HPCPAT_MAX_THREADS limit and shared one "
                    "table: their calls are counted, their threads are not told apart");
  }
  if (untracked > 0) {
    notes.push_back(std::to_string(untracked) +
                    " requests could not be followed (the bounded request set was full): "
                    "bytes of those receives and persistent sends are missing");
  }
  if (dropped_regions > 0) {
    notes.push_back(std::to_string(dropped_regions) +
                    " region begin calls found no free region slot and were not recorded");
  }
  const json check = timer_check_summary(g);
  if (check["disagreeing_ranks"].get<std::uint64_t>() > 0) {
    char change[32];
    std::snprintf(change, sizeof change, "%+.3f%%", 100.0 * check["max_rate_change"].get<double>());
    notes.push_back("timer: on " + check["disagreeing_ranks"].dump() +
                    " rank(s) the TSC's rate against CLOCK_MONOTONIC changed between MPI_Init "
                    "and MPI_Finalize (up to " + change +
                    "): times were converted at each rank's whole-run average rate, so totals "
                    "are right but single calls may be off by that much; run with " +
                    contract::kEnvTimer + "=clock_gettime on this machine");
  }
  if (g.dropped_messages > 0) {
    notes.push_back("communication matrix cut: " + std::to_string(g.dropped_messages) +
                    " messages to peers beyond the cap of " + std::to_string(in.matrix_cap) +
                    " entries (HPCPAT_MATRIX_CAP) are not in entries");
  }
  return {{"schema", contract::kProfileSchemaId},
          {"complete", true},
          {"run", build_run(in, g)},
          {"summary", build_summary(g)},
          {"calls", build_calls(g)},
          {"ranks", build_ranks(g)},
          {"comm_matrix", build_matrix(in, g)},
          {"regions", std::move(regions)},
          {"notes", std::move(notes)}};
}

}  // namespace hpcpat::pmpi::report
