#include "hpcpat/kernels/summarize.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace hpcpat::kernels {

SizeSummary summarize(KernelContext &ctx, const SizeMeasurement &m) {
  SizeSummary s;
  s.size = m.size;
  s.warmup = m.warmup;
  s.iterations = m.iterations;
  s.planned = m.planned;
  s.budget_hit = m.budget_hit;

  // Per rank: mean, reporting flag, and the three overlap figures.
  constexpr int kFields = 5;
  const std::array<double, kFields> mine = {m.mean_us(), m.reporting ? 1.0 : 0.0,
                                            m.overlap.overall_us, m.overlap.compute_us,
                                            m.overlap.pure_comm_us};
  std::vector<double> all(ctx.rank == 0 ? static_cast<std::size_t>(kFields) * ctx.ranks : 0);
  MPI_Gather(mine.data(), kFields, MPI_DOUBLE, all.data(), kFields, MPI_DOUBLE, 0, ctx.comm);
  ctx.ledger.add(Routine::gather, 1, kFields * sizeof(double));

  std::vector<double> sum(ctx.rank == 0 ? m.samples_us.size() : 0);
  MPI_Reduce(m.samples_us.data(), sum.data(), static_cast<int>(m.samples_us.size()), MPI_DOUBLE,
             MPI_SUM, 0, ctx.comm);
  ctx.ledger.add(Routine::reduce, 1, m.samples_us.size() * sizeof(double));
  if (ctx.rank != 0) return s;

  Overlap overlap_sum{};
  for (int r = 0; r < ctx.ranks; ++r) {
    const double *f = &all[static_cast<std::size_t>(r) * kFields];
    if (f[1] != 0.0) s.rank_means_us.push_back(f[0]);
    overlap_sum.overall_us += f[2];
    overlap_sum.compute_us += f[3];
    overlap_sum.pure_comm_us += f[4];
  }
  s.time_us = spread_of(s.rank_means_us);
  const double reporting = static_cast<double>(s.rank_means_us.size());
  if (reporting > 0) {
    for (double &v : sum) v /= reporting;
  }
  if (!sum.empty()) {
    s.p50_us = percentile(sum, 50);
    s.p90_us = percentile(sum, 90);
    s.p99_us = percentile(sum, 99);
  }
  if (overlap_sum.pure_comm_us > 0) {
    // OSU computes the overlap from the averages over ranks, not per rank.
    const double n = ctx.ranks;
    Overlap o{overlap_sum.overall_us / n, overlap_sum.compute_us / n, overlap_sum.pure_comm_us / n,
              0.0};
    o.overlap_pct =
        std::clamp(100.0 - 100.0 * (o.overall_us - o.compute_us) / o.pure_comm_us, 0.0, 100.0);
    s.overlap = o;
  }
  return s;
}

}  // namespace hpcpat::kernels
