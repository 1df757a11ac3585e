// One rank's measurements, merged over its threads, in fixed storage. Taking a snapshot allocates
// nothing and calls nothing beyond memcpy/strcmp, so the fault handlers take one too. The hot path
// may still be writing while a fault handler reads: such a snapshot can be off by the calls in
// flight, which a partial dump documents.
#pragma once

#include <cstdint>

#include "call_info.hpp"
#include "tables.hpp"
#include "thread_state.hpp"

namespace hpcpat::pmpi::report {

struct MergedPeer {
  std::int64_t world_rank;
  std::uint64_t messages;
  std::uint64_t bytes;
};

// Regions are merged by name over threads; a rank keeps at most this many distinct names.
inline constexpr int kMaxMergedRegions = 2 * kMaxRegions;

struct MergedRegion {
  char name[kRegionNameMax];
  std::uint64_t count;
  Ticks ticks;
  Ticks mpi_ticks;
};

struct RankSnapshot {
  CallStats calls[kNumCalls];
  MergedPeer *peers = nullptr;  // peer_capacity cells, allocated once (at MPI_Init)
  std::uint32_t peer_capacity = 0;
  std::uint32_t num_peers = 0;
  std::uint64_t dropped_messages = 0;  // sends to peers that found no cell (table or merge full)
  std::uint64_t dropped_bytes = 0;
  MergedRegion regions[kMaxMergedRegions];
  int num_regions = 0;
  std::uint64_t dropped_regions = 0;  // begin() calls that found no slot + names beyond the merge
  int threads = 0;                    // threads that made an MPI call inside the app window
  int registered_threads = 0;         // threads with tables (including MPI_Init's)
};

// True for calls that happen outside the app window (MPI_Init, MPI_Init_thread): they appear in
// calls[] but not in MPI time, because app time starts when MPI_Init returns.
// (MPI_Finalize too: the window closes as it is entered.)
bool outside_app_window(int call) noexcept;

// Merges every registered thread's tables into `snap` (async-signal-safe).
void take_snapshot(RankSnapshot &snap) noexcept;

// This rank's MPI time inside the app window, in ticks, and per category.
Ticks mpi_ticks(const RankSnapshot &snap) noexcept;
Ticks category_ticks(const RankSnapshot &snap, Category c) noexcept;

}  // namespace hpcpat::pmpi::report
