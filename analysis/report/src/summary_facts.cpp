#include "hpcpat/report/summary_facts.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

namespace hpcpat::report {

double percent(double part, double whole) {
  return whole > 0 ? 100.0 * part / whole : 0.0;
}

SummaryFacts summary_facts(const profile::Profile &p, std::size_t top_calls) {
  SummaryFacts f;
  f.totals = profile::rank_totals(p);
  f.per_rank_percent_mpi = percent(p.summary.mpi_time_s, p.summary.app_time_s);

  std::size_t shown = top_calls == 0 ? p.calls.size() : std::min(top_calls, p.calls.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const profile::CallAggregate &c = p.calls[i];
    CallFigures row{&c, percent(c.time_s.sum, f.totals.mpi_time_s),
                    percent(c.time_s.sum, f.totals.app_time_s), std::nullopt};
    if (c.bytes != 0) row.mean_bytes = double(c.bytes) / double(c.count);
    f.top_calls.push_back(row);
  }

  for (profile::Category c : profile::kCategories) {
    if (p.summary.share(c) > 0) f.categories.push_back({c, p.summary.share(c)});
  }
  std::stable_sort(
      f.categories.begin(), f.categories.end(),
      [](const CategoryShare &a, const CategoryShare &b) { return a.share > b.share; });

  for (const profile::RegionRecord &r : p.regions) {
    f.regions.push_back({&r, percent(r.mpi_time_s, r.time_s)});
  }

  for (const profile::RankEntry &r : p.ranks) {
    f.interposer_time_s += r.interposer_time_s;
    if (r.max_rss_bytes && (f.max_rss == nullptr || *r.max_rss_bytes > *f.max_rss->max_rss_bytes)) {
      f.max_rss = &r;
    }
  }
  f.interposer_percent_mpi = percent(f.interposer_time_s, f.totals.mpi_time_s);
  const std::size_t sites = std::min(kTopCallsites, p.callsites.sites.size());
  for (std::size_t i = 0; i < sites; ++i) f.top_sites.push_back(&p.callsites.sites[i]);
  return f;
}

std::string site_label(const profile::Callsite &c) {
  if (c.frames.empty()) return "?";
  const profile::CallsiteFrame &f = c.frames.front();
  if (!f.file.empty() && f.line > 0) {
    const std::size_t slash = f.file.rfind('/');
    const std::string base = slash == std::string::npos ? f.file : f.file.substr(slash + 1);
    return (f.function.empty() ? "?" : f.function) + " (" + base + ":" + std::to_string(f.line) + ")";
  }
  const std::size_t slash = f.module.rfind('/');
  const std::string module = slash == std::string::npos ? f.module : f.module.substr(slash + 1);
  char offset[32];
  std::snprintf(offset, sizeof offset, "+0x%" PRIx64, f.offset);
  return (f.function.empty() ? "" : f.function + " in ") + module + offset;
}

}  // namespace hpcpat::report
