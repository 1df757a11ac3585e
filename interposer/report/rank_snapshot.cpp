#include "rank_snapshot.hpp"

#include <cstring>

namespace hpcpat::pmpi::report {

bool outside_app_window(int call) noexcept {
  const char *name = kCalls[call].name;
  return std::strcmp(name, "MPI_Init") == 0 || std::strcmp(name, "MPI_Init_thread") == 0 ||
         std::strcmp(name, "MPI_Finalize") == 0;
}

namespace {

void add_calls(RankSnapshot &snap, const ThreadTables &t) noexcept {
  for (int c = 0; c < kNumCalls; ++c) {
    const CallStats &src = t.calls[c];
    if (src.count == 0) continue;
    CallStats &dst = snap.calls[c];
    dst.count += src.count;
    dst.ticks += src.ticks;
    dst.bytes += src.bytes;
    for (int b = 0; b < kSizeBins; ++b) {
      dst.bins[b].count += src.bins[b].count;
      dst.bins[b].bytes += src.bins[b].bytes;
      dst.bins[b].ticks += src.bins[b].ticks;
    }
  }
}

void add_peers(RankSnapshot &snap, const PeerTable &p, bool maybe_duplicates) noexcept {
  snap.dropped_messages += p.dropped_messages;
  snap.dropped_bytes += p.dropped_bytes;
  if (p.cells == nullptr) return;
  for (std::uint32_t i = 0; i < p.capacity; ++i) {
    const PeerCell &cell = p.cells[i];
    if (cell.world_rank < 0 || cell.messages == 0) continue;
    MergedPeer *into = nullptr;
    if (maybe_duplicates) {  // a second thread: the same peer may already be merged
      for (std::uint32_t j = 0; j < snap.num_peers; ++j) {
        if (snap.peers[j].world_rank == cell.world_rank) {
          into = &snap.peers[j];
          break;
        }
      }
    }
    if (into == nullptr) {
      if (snap.num_peers >= snap.peer_capacity) {
        snap.dropped_messages += cell.messages;
        snap.dropped_bytes += cell.bytes;
        continue;
      }
      into = &snap.peers[snap.num_peers++];
      *into = MergedPeer{cell.world_rank, 0, 0};
    }
    into->messages += cell.messages;
    into->bytes += cell.bytes;
  }
}

void add_regions(RankSnapshot &snap, const ThreadTables &t) noexcept {
  snap.dropped_regions += t.dropped_regions;
  const int n = t.num_regions < kMaxRegions ? t.num_regions : kMaxRegions;
  for (int i = 0; i < n; ++i) {
    const RegionStats &r = t.regions[i];
    if (r.count == 0) continue;  // begun but never ended yet
    MergedRegion *into = nullptr;
    for (int j = 0; j < snap.num_regions; ++j) {
      if (std::strncmp(snap.regions[j].name, r.name, kRegionNameMax) == 0) {
        into = &snap.regions[j];
        break;
      }
    }
    if (into == nullptr) {
      if (snap.num_regions >= kMaxMergedRegions) {
        snap.dropped_regions += r.count;
        continue;
      }
      into = &snap.regions[snap.num_regions++];
      std::memcpy(into->name, r.name, kRegionNameMax);
      into->name[kRegionNameMax - 1] = '\0';
      into->count = 0;
      into->ticks = 0;
      into->mpi_ticks = 0;
    }
    into->count += r.count;
    into->ticks += r.ticks;
    into->mpi_ticks += r.mpi_ticks;
  }
}

}  // namespace

void take_snapshot(RankSnapshot &snap) noexcept {
  std::memset(static_cast<void *>(snap.calls), 0, sizeof snap.calls);
  snap.num_peers = 0;
  snap.dropped_messages = snap.dropped_bytes = 0;
  snap.num_regions = 0;
  snap.dropped_regions = 0;
  snap.threads = snap.registered_threads = 0;
  for (const ThreadTables *t = first_thread_tables(); t != nullptr; t = t->next) {
    add_calls(snap, *t);
    add_peers(snap, t->peers, snap.registered_threads > 0);
    add_regions(snap, *t);
    ++snap.registered_threads;
  }
  // Threads, not tables: beyond HPCPAT_MAX_THREADS several threads share one table.
  snap.threads = threads_in_window();
  if (snap.threads == 0) snap.threads = 1;  // the main thread, even if it made no call
}

Ticks mpi_ticks(const RankSnapshot &snap) noexcept {
  Ticks sum = 0;
  for (int c = 0; c < kNumCalls; ++c) {
    if (!outside_app_window(c)) sum += snap.calls[c].ticks;
  }
  return sum;
}

Ticks category_ticks(const RankSnapshot &snap, Category cat) noexcept {
  Ticks sum = 0;
  for (int c = 0; c < kNumCalls; ++c) {
    if (!outside_app_window(c) && kCalls[c].category == cat) sum += snap.calls[c].ticks;
  }
  return sum;
}

}  // namespace hpcpat::pmpi::report
