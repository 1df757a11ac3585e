// Totals and extremes over a profile's rank records, which the summary and later analyses share.
#pragma once

#include "hpcpat/profile/profile.hpp"

namespace hpcpat::profile {

struct RankTotals {
  double app_time_s = 0;  // summed over the rank records present
  double mpi_time_s = 0;
  const RankEntry *worst = nullptr;  // highest MPI fraction (lowest rank on ties)
  const RankEntry *best = nullptr;   // lowest MPI fraction (lowest rank on ties)
};

// `p.ranks` is never empty in a profile that was read (the reader requires one record at least).
RankTotals rank_totals(const Profile &p);

}  // namespace hpcpat::profile
