#include "regions.hpp"

#include <atomic>
#include <cstdio>
#include <cstring>

#include "thread_state.hpp"
#include "timer.hpp"

namespace hpcpat::pmpi {

namespace {

std::atomic<bool> g_paused{false};

ThreadState *region_state() noexcept {
  if (!g_collect.load(std::memory_order_relaxed)) return nullptr;
  ThreadState *s = tls_slot.state;
  return s != nullptr ? s : register_thread();
}

int find_or_add(ThreadTables &t, const char *name) noexcept {
  for (int i = 0; i < t.num_regions; ++i) {
    if (std::strncmp(t.regions[i].name, name, kRegionNameMax - 1) == 0) return i;
  }
  if (t.num_regions == kMaxRegions) return -1;
  RegionStats &r = t.regions[t.num_regions];
  std::strncpy(r.name, name, kRegionNameMax - 1);  // longer names are cut, consistently
  r.name[kRegionNameMax - 1] = '\0';
  return t.num_regions++;
}

}  // namespace

void region_begin(const char *name) noexcept {
  ThreadState *s = region_state();
  if (s == nullptr || name == nullptr) return;
  if (s->shared) {
    std::atomic_ref<std::uint64_t>(s->tables->dropped_regions).fetch_add(1);
    ++s->lost_region_depth;
    return;
  }
  ThreadTables &t = *s->tables;
  const int index = t.depth < kMaxRegionDepth ? find_or_add(t, name) : -1;
  if (index < 0) {
    ++t.dropped_regions;
    ++s->lost_region_depth;
    return;
  }
  t.stack[t.depth++] = {index, now(), t.mpi_ticks};
}

void region_end(const char *name) noexcept {
  const Ticks end = now();
  ThreadState *s = region_state();
  if (s == nullptr || name == nullptr) return;
  if (s->lost_region_depth > 0) {
    --s->lost_region_depth;
    return;
  }
  ThreadTables &t = *s->tables;
  for (int level = t.depth - 1; level >= 0; --level) {
    RegionStats &r = t.regions[t.stack[level].index];
    if (std::strncmp(r.name, name, kRegionNameMax - 1) != 0) continue;
    ++r.count;
    r.ticks += end - t.stack[level].start;
    r.mpi_ticks += t.mpi_ticks - t.stack[level].mpi_start;
    t.depth = level;
    return;
  }
}

void pcontrol(int level) noexcept {
  if (!g_live.load(std::memory_order_acquire)) return;
  if (level == 0) {
    g_paused.store(true, std::memory_order_relaxed);
    g_collect.store(false, std::memory_order_release);
  } else if (level == 1) {
    g_paused.store(false, std::memory_order_relaxed);
    g_collect.store(true, std::memory_order_release);
  } else if (level >= 2 || level <= -2) {
    char name[32];
    std::snprintf(name, sizeof name, "pcontrol.%d", level > 0 ? level : -level);
    if (level > 0) {
      region_begin(name);
    } else {
      region_end(name);
    }
  }
}

}  // namespace hpcpat::pmpi

extern "C" __attribute__((visibility("default"))) void hpcpat_region_begin(const char *name) {
  hpcpat::pmpi::region_begin(name);
}

extern "C" __attribute__((visibility("default"))) void hpcpat_region_end(const char *name) {
  hpcpat::pmpi::region_end(name);
}
