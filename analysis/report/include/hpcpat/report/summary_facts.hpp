// The figures a profile summary shows that are derived rather than read: the worst rank, each
// top call's shares of MPI and app time and its mean message size, the categories by share, each
// region's MPI share. Computed once here so that every reporter (text, JSON, ...) prints the same
// numbers; reporters only format.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "hpcpat/profile/profile.hpp"
#include "hpcpat/profile/rank_totals.hpp"

namespace hpcpat::report {

struct CallFigures {
  const profile::CallAggregate *call = nullptr;
  double percent_mpi = 0;            // of the MPI time summed over ranks
  double percent_app = 0;            // of the app time summed over ranks
  std::optional<double> mean_bytes;  // none when the call moved no bytes
};

struct CategoryShare {
  profile::Category category = profile::Category::other;
  double share = 0;  // of the MPI time, 0..1
};

struct RegionFigures {
  const profile::RegionRecord *region = nullptr;
  double percent_mpi = 0;  // the region's MPI time as % of its time
};

// mpiP's "Aggregate Time (top twenty, descending)": call sites shown by a summary.
inline constexpr std::size_t kTopCallsites = 20;

struct SummaryFacts {
  profile::RankTotals totals;             // sums over rank entries and the worst rank
  double per_rank_percent_mpi = 0;        // mean MPI time as % of mean app time
  std::vector<CallFigures> top_calls;     // the first `top_calls` calls by time (all when 0)
  std::vector<CategoryShare> categories;  // descending share, ties in list order; no zero shares
  std::vector<RegionFigures> regions;     // in profile order
  // What the measurement cost and held: the interposer's own added time (summed over ranks, as a
  // % of the MPI time) and the rank with the largest resident high-water mark (none recorded:
  // nullptr).
  double interposer_time_s = 0;
  double interposer_percent_mpi = 0;
  const profile::RankEntry *max_rss = nullptr;
  std::vector<const profile::Callsite *> top_sites;  // the first kTopCallsites by time
};

// "function (file:line)" of a site's innermost frame, else "module+0xoffset" (no line tables).
std::string site_label(const profile::Callsite &c);

// 100 * part / whole, 0 when whole is not positive.
double percent(double part, double whole);

SummaryFacts summary_facts(const profile::Profile &p, std::size_t top_calls);

}  // namespace hpcpat::report
