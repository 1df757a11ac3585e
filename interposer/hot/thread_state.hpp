// Per-thread state of the hot path: the thread's tables (tables.hpp, read by the report) plus the
// caches only the wrappers need (communicator translations, tracked requests).
//
// A thread finds its state through one initial-exec TLS slot (a single %fs-relative load). The
// first MPI call of a thread registers it: its tables are pushed on a lock-free list (one CAS)
// that the report walks at finalize. Beyond HPCPAT_MAX_THREADS, threads share one overflow table
// updated with atomic adds (noted in the profile via hot_path_notes()).
#pragma once

#include <atomic>
#include <cstdint>

#include "requests.hpp"
#include "tables.hpp"

namespace hpcpat::pmpi {

// Cached world-rank translation of one communicator's (remote) group or one window's group.
struct GroupTranslation {
  std::uintptr_t key = 0;       // handle_key of the communicator/window; 0 empty
  std::uint32_t generation = 0; // freed_generation(key) when filled; stale once that moves
  std::uint8_t is_win = 0;
  int size = 0;
  int *world = nullptr;  // world[rank] for rank < size
};

struct ThreadState {
  ThreadTables *tables = nullptr;  // this thread's own, or the shared overflow table
  bool shared = false;             // tables is shared: updates must be atomic
  int lost_region_depth = 0;       // region begins that found no slot; their ends are skipped
  bool in_window = false;          // made a timed call (MPI_Init and MPI_Finalize are not)
  const void *site = nullptr;      // the current wrapper's return address (callsites.hpp)
  Ticks last_t1 = 0;               // the previous timed call's t1 (booking.hpp)
  // Open addressing by handle: a program's working set of communicators stays cached (a round
  // robin over a dozen of them must not miss on every call).
  static constexpr int kCachedGroups = 64;
  static constexpr int kProbe = 4;  // slots tried from a handle's home slot
  GroupTranslation groups[kCachedGroups];
  unsigned next_victim = 0;
  RequestSet requests;
  ThreadState *next_state = nullptr;  // all states stay reachable (they live until exit)
};

struct TlsSlot {
  ThreadState *state;
  int fortran_depth;  // >0 inside a Fortran wrapper: C wrappers reached from there pass through
};

extern thread_local TlsSlot tls_slot __attribute__((tls_model("initial-exec")));

// Collection switch: true between MPI_Init and MPI_Finalize unless HPCPAT_DISABLE=1 or paused by
// MPI_Pcontrol(0). `live` stays true while paused (lifecycle hooks still run).
extern std::atomic<bool> g_collect;
extern std::atomic<bool> g_live;

ThreadState *register_thread() noexcept;  // slow path of hot_state(); null if out of memory

// Threads that made a timed call, each counted once whether or not it has tables of its own
// (async-signal-safe: walks the registry with plain loads).
int threads_in_window() noexcept;

// Whether calls are being profiled now: the wrappers' first test, before they read the clock.
inline bool collecting() noexcept {
  return g_collect.load(std::memory_order_relaxed);
}

// The calling thread's state when this call must be profiled, else null (pass through).
inline ThreadState *hot_state() noexcept {
  if (!g_collect.load(std::memory_order_relaxed)) return nullptr;
  TlsSlot &slot = tls_slot;
  if (slot.fortran_depth != 0) return nullptr;
  ThreadState *s = slot.state;
  return s != nullptr ? s : register_thread();
}

// Freeing a communicator or window bumps the generation of its handle's bucket, in every thread's
// view: their cached translations of it are rebuilt if the handle comes back (a new communicator
// can only reuse a freed one's handle). Creations need nothing.
inline constexpr int kFreedBuckets = 1024;
extern std::atomic<std::uint32_t> g_freed_generation[kFreedBuckets];
inline unsigned handle_bucket(std::uintptr_t key, unsigned buckets) noexcept {
  return static_cast<unsigned>((key >> 4) * 0x9E3779B97F4A7C15ull >> 40) & (buckets - 1);
}
inline std::uint32_t freed_generation(std::uintptr_t key) noexcept {
  return g_freed_generation[handle_bucket(key, kFreedBuckets)].load(std::memory_order_relaxed);
}
inline void handle_freed(std::uintptr_t key) noexcept {
  g_freed_generation[handle_bucket(key, kFreedBuckets)].fetch_add(1, std::memory_order_relaxed);
}

// Set by MPI_Init: the world group, to translate ranks of other groups.
extern MPI_Group g_world_group;

// Counters for the profile's notes.
extern std::atomic<std::uint64_t> g_untracked_requests;

}  // namespace hpcpat::pmpi
