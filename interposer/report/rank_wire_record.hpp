// The compact, fixed-size record each rank sends to rank 0 at MPI_Finalize (one PMPI_Gather of
// bytes; all ranks run the same binary on a homogeneous machine) and from which the partial dump
// of a single rank is written too. Times are seconds, converted on the rank that measured them,
// since tick rates may differ between nodes. Rank 0 holds ranks x sizeof(RankWireRecord) bytes:
// O(ranks x (calls + regions)), about 20 KiB per rank.
#pragma once

#include <cstdint>

#include "rank_snapshot.hpp"

namespace hpcpat::pmpi::report {

inline constexpr int kHostMax = 256;

struct CallRow {
  std::uint64_t count;
  std::uint64_t bytes;
  double time_s;
};

struct RegionRow {
  char name[kRegionNameMax];
  std::uint64_t count;
  double time_s;
  double mpi_time_s;
};

struct RankWireRecord {
  double app_s;     // MPI_Init returned -> MPI_Finalize entered (or the fault)
  double mpi_s;     // MPI time inside that window, summed over threads
  double fraction;  // mpi_s / (app_s x threads), 0..1
  double interposer_s;  // timed calls x the interposer's added cost per call (booking.hpp)
  double category_s[kNumCategories];
  std::uint64_t threads;             // threads that called MPI inside the window (>= 1)
  std::uint64_t registered_threads;  // threads that ever called MPI (hot_path_notes)
  std::uint64_t threads_overflowed;  // of those, beyond HPCPAT_MAX_THREADS (shared one table)
  std::uint64_t untracked_requests;  // requests the hot path's bounded set could not follow
  std::uint64_t dropped_regions;
  std::uint64_t num_regions;
  std::uint64_t max_rss_bytes;  // the process's resident high-water mark (getrusage ru_maxrss)
  std::uint64_t timer_checked;  // 1: the TSC was checked against CLOCK_MONOTONIC (timer.hpp)
  std::uint64_t timer_agrees;   // 1: within kTimerRateTolerance (or not checked)
  double timer_rate_change;     // the TSC's rate after the window opened / before - 1
  char host[kHostMax];
  CallRow calls[kNumCalls];
  RegionRow regions[kMaxMergedRegions];
};

// MPI share of a rank's thread-time: each thread that called MPI contributes app_s of capacity.
double mpi_fraction(double mpi_s, double app_s, std::uint64_t threads) noexcept;

// Fills `rec` from a snapshot (async-signal-safe: arithmetic and memcpy only).
void fill_record(const RankSnapshot &snap, double app_s, double seconds_per_tick, const char *host,
                 RankWireRecord &rec) noexcept;

}  // namespace hpcpat::pmpi::report

namespace hpcpat::pmpi::report {

// Size range of histogram bin b (tables.hpp: bin 0 holds empty messages, bin b holds
// [2^(b-1), 2^b - 1]; the last bin also holds everything larger, so its hi is 2^64 - 1).
inline std::uint64_t bin_lo(int b) noexcept {
  return b == 0 ? 0 : std::uint64_t{1} << (b - 1);
}
inline std::uint64_t bin_hi(int b) noexcept {
  if (b == 0) return 0;
  if (b >= kSizeBins - 1) return ~std::uint64_t{0};
  return (std::uint64_t{1} << b) - 1;
}

}  // namespace hpcpat::pmpi::report
