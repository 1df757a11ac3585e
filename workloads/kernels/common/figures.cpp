#include "hpcpat/kernels/figures.hpp"

namespace hpcpat::kernels {

RowFigures figures_for(const KernelInfo &info, const SizeSummary &row, int ranks, int window) {
  RowFigures f;
  const double per_iter_bytes =
      static_cast<double>(row.size) * info.sent_per_iteration * (info.per_window ? window : 1);
  if (info.family == Family::message_rate) {
    // OSU's osu_mbw_mr: each sender's rate, summed over the pairs.
    double bw = 0, rate = 0;
    for (double t : row.rank_means_us) {
      if (t <= 0) continue;
      bw += per_iter_bytes / t;
      rate += window / t * 1e6;
    }
    f.bandwidth_mb_s = bw;
    f.messages_per_s = rate;
  } else if (per_iter_bytes > 0 && row.time_us.avg > 0) {
    f.bandwidth_mb_s = per_iter_bytes / row.time_us.avg;  // bytes per microsecond = MB/s
  }
  if (const auto pattern = bus_pattern_of(info.name); pattern && row.time_us.avg > 0) {
    f.bus = bus_bandwidth(*pattern, row.size, ranks, row.time_us.avg * 1e-6);
  }
  return f;
}

}  // namespace hpcpat::kernels
