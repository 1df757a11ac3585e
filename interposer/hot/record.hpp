// The accounting of one call: count, ticks, bytes and size bin, plus matrix rows to partners.
#pragma once

#include <mpi.h>

#include <atomic>
#include <cstdint>

#include "booking.hpp"
#include "callsites.hpp"
#include "thread_state.hpp"

namespace hpcpat::pmpi {

void record_shared(ThreadTables &t, CallId id, Ticks dt, std::uint64_t bytes) noexcept;
void add_peer_slow(ThreadState &s, int world_rank, std::uint64_t bytes) noexcept;
int world_rank_comm_slow(ThreadState &s, MPI_Comm comm, int rank) noexcept;
int world_rank_win_slow(ThreadState &s, MPI_Win win, int rank) noexcept;

// A timed call that entered its wrapper at t0: the counts first, then the clock, then the three
// time sums, so that almost all of the bookkeeping lies inside the booked interval (booking.hpp).
// Untimed calls (MPI_Init, MPI_Finalize: outside the window) pass timed = false and are counted
// only.
inline void record_since(ThreadState &s, CallId id, Ticks t0, std::uint64_t bytes,
                         bool timed = true) noexcept {
  s.in_window = s.in_window || timed;
  if (s.shared) {
    const Ticks dt = timed ? booked_since(t0, s.last_t1) : 0;
    record_shared(*s.tables, id, dt, bytes);
    if (callsites_on() && timed) record_site(s, id, dt, bytes);
    return;
  }
  ThreadTables &t = *s.tables;
  CallStats &c = t.calls[static_cast<int>(id)];
  SizeBin &b = c.bins[size_bin(bytes)];
  ++c.count;
  c.bytes += bytes;
  ++b.count;
  b.bytes += bytes;
  const Ticks dt = timed ? booked_since(t0, s.last_t1) : 0;
  c.ticks += dt;
  b.ticks += dt;
  t.mpi_ticks += dt;
  if (callsites_on() && timed) record_site(s, id, dt, bytes);  // off: one predictable branch
}

// Looks `rank` of a group up in the per-thread translation cache.
inline int cached_world_rank(ThreadState &s, std::uintptr_t key, bool is_win, int rank) noexcept {
  const unsigned home = handle_bucket(key, ThreadState::kCachedGroups);
  for (int i = 0; i < ThreadState::kProbe; ++i) {
    const GroupTranslation &g = s.groups[(home + i) % ThreadState::kCachedGroups];
    if (g.key == key && g.is_win == is_win) {
      if (g.generation != freed_generation(key)) return -2;  // freed since: a new handle
      return rank < g.size ? g.world[rank] : -1;
    }
  }
  return -2;  // miss
}

// Where `key`'s translation goes: its own (stale) entry, else an empty slot of its probe window,
// else one of those slots in turn.
inline GroupTranslation &translation_slot(ThreadState &s, std::uintptr_t key, bool is_win) noexcept {
  const unsigned home = handle_bucket(key, ThreadState::kCachedGroups);
  GroupTranslation *empty = nullptr;
  for (int i = 0; i < ThreadState::kProbe; ++i) {
    GroupTranslation &g = s.groups[(home + i) % ThreadState::kCachedGroups];
    if (g.key == key && g.is_win == is_win) return g;
    if (g.key == 0 && empty == nullptr) empty = &g;
  }
  if (empty != nullptr) return *empty;
  return s.groups[(home + s.next_victim++ % ThreadState::kProbe) % ThreadState::kCachedGroups];
}

// World rank of `rank` in communicator `comm` (its remote group for an intercommunicator); -1 for
// MPI_PROC_NULL, MPI_ANY_SOURCE, MPI_ROOT or anything out of range.
inline int world_rank_comm(ThreadState &s, MPI_Comm comm, int rank) noexcept {
  if (rank < 0) return -1;
  if (comm == MPI_COMM_WORLD) return rank;
  const int w = cached_world_rank(s, handle_key(comm), false, rank);
  return w != -2 ? w : world_rank_comm_slow(s, comm, rank);
}

inline int world_rank_win(ThreadState &s, MPI_Win win, int rank) noexcept {
  if (rank < 0) return -1;
  const int w = cached_world_rank(s, handle_key(win), true, rank);
  return w != -2 ? w : world_rank_win_slow(s, win, rank);
}

inline void add_peer(ThreadState &s, int world_rank, std::uint64_t bytes) noexcept {
  if (world_rank < 0) return;
  PeerTable &p = s.tables->peers;
  if (!s.shared && p.cells != nullptr) {
    // Fast path: the partner already has a cell.
    if (PeerCell &c = probe_peer(p, world_rank); c.world_rank == world_rank) {
      ++c.messages;
      c.bytes += bytes;
      return;
    }
  }
  add_peer_slow(s, world_rank, bytes);
}

inline void record_peer_comm(ThreadState &s, MPI_Comm comm, int rank,
                             std::uint64_t bytes) noexcept {
  if (rank < 0) return;
  add_peer(s, world_rank_comm(s, comm, rank), bytes);
}

inline void record_peer_win(ThreadState &s, MPI_Win win, int rank, std::uint64_t bytes) noexcept {
  if (rank < 0) return;
  add_peer(s, world_rank_win(s, win, rank), bytes);
}

}  // namespace hpcpat::pmpi
