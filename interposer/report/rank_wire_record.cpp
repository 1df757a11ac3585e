#include "rank_wire_record.hpp"

#include <sys/resource.h>

#include <cstring>

#include "booking.hpp"
#include "timer.hpp"

namespace hpcpat::pmpi::report {

double mpi_fraction(double mpi_s, double app_s, std::uint64_t threads) noexcept {
  const double capacity = app_s * static_cast<double>(threads == 0 ? 1 : threads);
  if (!(capacity > 0.0)) return 0.0;
  const double f = mpi_s / capacity;
  return f < 0.0 ? 0.0 : (f > 1.0 ? 1.0 : f);  // clock granularity can push a hair past 1
}

void fill_record(const RankSnapshot &snap, double app_s, double seconds_per_tick, const char *host,
                 RankWireRecord &rec) noexcept {
  std::memset(static_cast<void *>(&rec), 0, sizeof rec);
  rec.app_s = app_s;
  rec.mpi_s = static_cast<double>(mpi_ticks(snap)) * seconds_per_tick;
  for (int k = 0; k < kNumCategories; ++k) {
    rec.category_s[k] =
        static_cast<double>(category_ticks(snap, static_cast<Category>(k))) * seconds_per_tick;
  }
  rec.threads = static_cast<std::uint64_t>(snap.threads);
  const HotPathNotes hot = hot_path_notes();
  rec.registered_threads = static_cast<std::uint64_t>(
      hot.threads_seen > snap.registered_threads ? hot.threads_seen : snap.registered_threads);
  rec.threads_overflowed = static_cast<std::uint64_t>(hot.threads_overflowed);
  rec.untracked_requests = hot.untracked_requests;
  rec.fraction = mpi_fraction(rec.mpi_s, rec.app_s, rec.threads);
  std::uint64_t timed_calls = 0;
  for (int c = 0; c < kNumCalls; ++c) {
    if (!outside_app_window(c)) timed_calls += snap.calls[c].count;
  }
  rec.interposer_s = static_cast<double>(timed_calls) * ns_added_per_call() * 1e-9;
  rec.dropped_regions = snap.dropped_regions;
  // getrusage is one system call (not on POSIX's async-signal-safe list, but it takes no lock
  // and allocates nothing in glibc). Linux reports ru_maxrss in KiB.
  rusage usage{};
  if (::getrusage(RUSAGE_SELF, &usage) == 0 && usage.ru_maxrss > 0) {
    rec.max_rss_bytes = static_cast<std::uint64_t>(usage.ru_maxrss) * 1024u;
  }
  const TimerCheck check = timer_check();
  rec.timer_checked = check.checked ? 1 : 0;
  rec.timer_agrees = check.agrees ? 1 : 0;
  rec.timer_rate_change = check.rate_change;
  std::strncpy(rec.host, host, kHostMax - 1);
  for (int c = 0; c < kNumCalls; ++c) {
    rec.calls[c] = CallRow{snap.calls[c].count, snap.calls[c].bytes,
                           static_cast<double>(snap.calls[c].ticks) * seconds_per_tick};
  }
  rec.num_regions = static_cast<std::uint64_t>(snap.num_regions);
  for (int i = 0; i < snap.num_regions; ++i) {
    const MergedRegion &r = snap.regions[i];
    RegionRow &row = rec.regions[i];
    std::memcpy(row.name, r.name, kRegionNameMax);
    row.count = r.count;
    row.time_s = static_cast<double>(r.ticks) * seconds_per_tick;
    row.mpi_time_s = static_cast<double>(r.mpi_ticks) * seconds_per_tick;
  }
}

}  // namespace hpcpat::pmpi::report
