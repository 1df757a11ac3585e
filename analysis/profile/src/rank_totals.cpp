#include "hpcpat/profile/rank_totals.hpp"

namespace hpcpat::profile {

RankTotals rank_totals(const Profile &p) {
  RankTotals t;
  for (const RankEntry &r : p.ranks) {
    t.app_time_s += r.app_time_s;
    t.mpi_time_s += r.mpi_time_s;
    auto before = [](const RankEntry &a, const RankEntry &b) { return a.rank < b.rank; };
    if (t.worst == nullptr || r.mpi_fraction > t.worst->mpi_fraction ||
        (r.mpi_fraction == t.worst->mpi_fraction && before(r, *t.worst))) {
      t.worst = &r;
    }
    if (t.best == nullptr || r.mpi_fraction < t.best->mpi_fraction ||
        (r.mpi_fraction == t.best->mpi_fraction && before(r, *t.best))) {
      t.best = &r;
    }
  }
  return t;
}

}  // namespace hpcpat::profile
