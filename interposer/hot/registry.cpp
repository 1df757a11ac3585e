// Thread registration and the slow paths of the accounting (record.hpp holds the fast ones).
#include <atomic>
#include <cstdlib>
#include <new>

#include "config.hpp"
#include "record.hpp"

namespace hpcpat::pmpi {

thread_local TlsSlot tls_slot __attribute__((tls_model("initial-exec"))) = {nullptr, 0};
std::atomic<bool> g_collect{false};
std::atomic<bool> g_live{false};
std::atomic<std::uint32_t> g_freed_generation[kFreedBuckets] = {};
std::atomic<std::uint64_t> g_untracked_requests{0};
MPI_Group g_world_group = MPI_GROUP_NULL;

namespace {

std::atomic<ThreadTables *> g_head{nullptr};
std::atomic<ThreadState *> g_states{nullptr};  // keeps exited threads' states reachable
std::atomic<int> g_threads{0};
std::atomic<int> g_overflowed{0};
std::atomic<ThreadTables *> g_overflow{nullptr};

std::uint32_t slots_for(std::uint32_t limit) noexcept {
  std::uint32_t n = 16;
  while (n < 2 * limit) n *= 2;
  return n;
}

bool allocate_peer_cells(PeerTable &p) noexcept {
  p.limit = config().matrix_cap;
  const std::uint32_t n = slots_for(p.limit);
  p.cells = new (std::nothrow) PeerCell[n];  // PeerCell() marks the slot empty (-1)
  if (p.cells == nullptr) return false;
  p.capacity = n;
  return true;
}

void publish(ThreadTables *t) noexcept {
  ThreadTables *head = g_head.load(std::memory_order_relaxed);
  do {
    t->next = head;
  } while (
      !g_head.compare_exchange_weak(head, t, std::memory_order_release, std::memory_order_relaxed));
}

ThreadTables *overflow_tables() noexcept {
  ThreadTables *t = g_overflow.load(std::memory_order_acquire);
  if (t != nullptr) return t;
  auto *fresh = new (std::nothrow) ThreadTables();
  if (fresh == nullptr) return nullptr;
  // Shared: the cells exist before any thread can see the table (no lazy allocation race).
  if (!allocate_peer_cells(fresh->peers)) fresh->peers.limit = 0;
  if (g_overflow.compare_exchange_strong(t, fresh, std::memory_order_acq_rel)) {
    publish(fresh);
    return fresh;
  }
  delete[] fresh->peers.cells;
  delete fresh;
  return t;
}

template <class T>
void atomic_add(T &field, T v) noexcept {
  std::atomic_ref<T>(field).fetch_add(v, std::memory_order_relaxed);
}

ThreadTables g_fallback_tables;  // thread_tables() when memory ran out: never published

}  // namespace

ThreadState *register_thread() noexcept {
  auto *s = new (std::nothrow) ThreadState();
  if (s == nullptr) return nullptr;
  const int n = g_threads.fetch_add(1, std::memory_order_relaxed);
  if (static_cast<std::uint32_t>(n) < config().max_threads) {
    s->tables = new (std::nothrow) ThreadTables();
    if (s->tables != nullptr) {
      allocate_sites(s->tables->sites);  // out of memory: its calls go to "other"
      publish(s->tables);
    }
  }
  if (s->tables == nullptr) {
    g_overflowed.fetch_add(1, std::memory_order_relaxed);
    s->tables = overflow_tables();
    s->shared = true;
    if (s->tables == nullptr) {
      delete s;
      return nullptr;
    }
  }
  ThreadState *head = g_states.load(std::memory_order_relaxed);
  do {
    s->next_state = head;
  } while (!g_states.compare_exchange_weak(head, s, std::memory_order_release,
                                           std::memory_order_relaxed));
  tls_slot.state = s;
  return s;
}

void record_shared(ThreadTables &t, CallId id, Ticks dt, std::uint64_t bytes) noexcept {
  CallStats &c = t.calls[static_cast<int>(id)];
  SizeBin &b = c.bins[size_bin(bytes)];
  atomic_add<std::uint64_t>(c.count, 1);
  atomic_add<Ticks>(c.ticks, dt);
  atomic_add<std::uint64_t>(c.bytes, bytes);
  atomic_add<std::uint64_t>(b.count, 1);
  atomic_add<Ticks>(b.ticks, dt);
  atomic_add<std::uint64_t>(b.bytes, bytes);
  atomic_add<Ticks>(t.mpi_ticks, dt);
}

void add_peer_slow(ThreadState &s, int world_rank, std::uint64_t bytes) noexcept {
  PeerTable &p = s.tables->peers;
  if (s.shared) {
    if (p.cells != nullptr) {
      const std::uint32_t mask = p.capacity - 1;
      for (std::uint32_t i = static_cast<std::uint32_t>(world_rank) & mask;; i = (i + 1) & mask) {
        std::atomic_ref<std::int32_t> who(p.cells[i].world_rank);
        std::int32_t seen = who.load(std::memory_order_acquire);
        if (seen == -1) {
          // Claim the slot only while under the limit; `used` counts claims.
          if (std::atomic_ref<std::uint32_t>(p.used).fetch_add(1) >= p.limit) {
            std::atomic_ref<std::uint32_t>(p.used).fetch_sub(1);
            break;
          }
          if (who.compare_exchange_strong(seen, world_rank, std::memory_order_acq_rel)) {
            seen = world_rank;
          } else {
            std::atomic_ref<std::uint32_t>(p.used).fetch_sub(1);
          }
        }
        if (seen == world_rank) {
          atomic_add<std::uint64_t>(p.cells[i].messages, 1);
          atomic_add<std::uint64_t>(p.cells[i].bytes, bytes);
          return;
        }
      }
    }
    atomic_add<std::uint64_t>(p.dropped_messages, 1);
    atomic_add<std::uint64_t>(p.dropped_bytes, bytes);
    return;
  }
  if (p.cells == nullptr && !allocate_peer_cells(p)) {
    ++p.dropped_messages;
    p.dropped_bytes += bytes;
    return;
  }
  PeerCell &c = probe_peer(p, world_rank);
  if (c.world_rank == world_rank) {
    ++c.messages;
    c.bytes += bytes;
  } else if (p.used < p.limit) {  // a new partner, still room for it
    c.world_rank = world_rank;
    c.messages = 1;
    c.bytes = bytes;
    ++p.used;
  } else {
    ++p.dropped_messages;
    p.dropped_bytes += bytes;
  }
}

int threads_in_window() noexcept {
  int n = 0;
  for (const ThreadState *s = g_states.load(std::memory_order_acquire); s != nullptr;
       s = s->next_state) {
    n += s->in_window ? 1 : 0;
  }
  return n;
}

ThreadTables &thread_tables() noexcept {
  ThreadState *s = tls_slot.state;
  if (s == nullptr) s = register_thread();
  return s != nullptr ? *s->tables : g_fallback_tables;
}

ThreadTables *first_thread_tables() noexcept {
  return g_head.load(std::memory_order_acquire);
}

HotPathNotes hot_path_notes() noexcept {
  HotPathNotes n;
  n.threads_seen = g_threads.load(std::memory_order_relaxed);
  n.threads_overflowed = g_overflowed.load(std::memory_order_relaxed);
  n.max_threads = config().max_threads;
  n.matrix_cap = config().matrix_cap;
  n.untracked_requests = g_untracked_requests.load(std::memory_order_relaxed);
  return n;
}

}  // namespace hpcpat::pmpi
