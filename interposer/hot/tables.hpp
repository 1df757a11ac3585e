// The contract between the wrappers (which fill these tables on the hot path) and the report
// (which reads and merges them inside MPI_Finalize, or in a fault handler).
//
// Every thread that calls MPI gets its own ThreadTables, so the hot path never takes a lock or an
// atomic read-modify-write; the tables are linked into one list that the report walks. Sizes are
// fixed at compile time or at MPI_Init, so memory per rank is bounded whatever the run length.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "calls.hpp"  // generated: kNumCalls, kCalls[], enum class CallId
#include "site_table.hpp"

namespace hpcpat::pmpi {

using Ticks = std::uint64_t;  // raw timer units; timer.hpp converts to seconds

// Message-size bins (log2): bin 0 holds zero-byte calls; bin b >= 1 holds sizes in
// [2^(b-1), 2^b). 48 bins reach 128 TiB, beyond any single MPI message.
inline constexpr int kSizeBins = 48;

inline int size_bin(std::uint64_t bytes) {
  if (bytes == 0) return 0;
  const int b = 64 - __builtin_clzll(bytes);
  return b < kSizeBins ? b : kSizeBins - 1;
}

struct SizeBin {
  std::uint64_t count = 0;
  std::uint64_t bytes = 0;
  Ticks ticks = 0;
};

struct CallStats {
  std::uint64_t count = 0;
  Ticks ticks = 0;
  std::uint64_t bytes = 0;
  SizeBin bins[kSizeBins];
};

// Messages this rank sent to each peer (world ranks). Point-to-point and one-sided only;
// collectives are not attributed to pairs. Fixed capacity: when full, further new peers are
// counted in `dropped_*` and the matrix is marked cut.
struct PeerCell {
  std::int32_t world_rank = -1;  // -1: empty slot
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;
};

struct PeerTable {
  PeerCell *cells = nullptr;  // capacity cells, allocated once (on the first message)
  std::uint32_t capacity = 0; // slots: a power of two >= 2 * limit, so probes stay short
  std::uint32_t used = 0;     // distinct partners, <= limit
  std::uint32_t limit = 0;    // HPCPAT_MATRIX_CAP: the profile's comm_matrix.cap
  std::uint64_t dropped_messages = 0;
  std::uint64_t dropped_bytes = 0;
};

// Single-writer lookup (the table's own thread): from the partner's home slot, the first cell that
// is the partner's or empty (where it would go). Always ends: capacity >= 2 * limit >= 2 * used
// leaves empty slots. `cells` must be allocated.
inline PeerCell &probe_peer(PeerTable &p, std::int32_t world_rank) noexcept {
  const std::uint32_t mask = p.capacity - 1;
  for (std::uint32_t i = static_cast<std::uint32_t>(world_rank) & mask;; i = (i + 1) & mask) {
    PeerCell &c = p.cells[i];
    if (c.world_rank == world_rank || c.world_rank == -1) return c;
  }
}

inline constexpr int kMaxRegions = 64;        // distinct region names per thread
inline constexpr int kMaxRegionDepth = 32;    // nesting depth
inline constexpr int kRegionNameMax = 64;     // bytes, including the terminating NUL

struct RegionStats {
  char name[kRegionNameMax] = {};
  std::uint64_t count = 0;
  Ticks ticks = 0;      // inclusive wall time inside the region
  Ticks mpi_ticks = 0;  // MPI time spent while the region was open (inclusive)
};

struct ThreadTables {
  CallStats calls[kNumCalls];
  PeerTable peers;
  Ticks mpi_ticks = 0;  // running total of MPI time on this thread; regions diff it

  RegionStats regions[kMaxRegions];
  int num_regions = 0;
  std::uint64_t dropped_regions = 0;  // begin() calls that found no free slot
  struct OpenRegion {
    int index;
    Ticks start, mpi_start;
  } stack[kMaxRegionDepth];
  int depth = 0;

  SiteTable sites;  // empty unless HPCPAT_CALLSITES is on

  ThreadTables *next = nullptr;  // registry link, written once before publication
};

// This thread's tables, created and registered on first use (never null: when the per-rank
// thread cap is reached, later threads share an overflow table, documented in the profile).
ThreadTables &thread_tables() noexcept;

// Head of the registry list; walk with ->next. Safe to read at finalize or in a fault handler.
ThreadTables *first_thread_tables() noexcept;

// What the report must mention in the profile's notes (and threads.max_per_rank).
struct HotPathNotes {
  int threads_seen = 0;                  // threads that called MPI while collecting
  int threads_overflowed = 0;            // of those, beyond max_threads: they share one table
  std::uint32_t max_threads = 0;         // HPCPAT_MAX_THREADS
  std::uint32_t matrix_cap = 0;          // HPCPAT_MATRIX_CAP (also PeerTable::limit)
  std::uint64_t untracked_requests = 0;  // receive/persistent requests the bounded set dropped
};
HotPathNotes hot_path_notes() noexcept;

}  // namespace hpcpat::pmpi
