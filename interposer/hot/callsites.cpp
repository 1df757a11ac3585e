// Booking calls to their call sites: see callsites.hpp and site_table.hpp.
#include "callsites.hpp"

#include <dlfcn.h>
#include <execinfo.h>

#include <atomic>
#include <new>

#include "config.hpp"
#include "thread_state.hpp"

namespace hpcpat::pmpi {

namespace callsite_detail {
int depth = 0;
}

namespace {

// The frame walker for depth > 1: libunwind's unw_backtrace (Debian's libunwind8) when it can be
// loaded, which caches unwind info (~1 us for 4 frames here); else glibc's backtrace, which
// searches every loaded module per frame through the libgcc unwinder (~100 us with Open MPI's
// hundred-odd components). Loaded with RTLD_LOCAL: its own `backtrace` must not replace glibc's
// for the application.
int (*g_walk)(void **, int) = backtrace;

using Frames = const void *[kMaxSiteDepth];

// The frames above `site` (the wrapper's return address): glibc's backtrace from here lists this
// function, the wrapper (or the booking helpers it did not inline), then the application's call
// site and its callers. Finding `site` in the list makes the result independent of how much the
// compiler inlined. When it is not found (a frame without unwind info), only pc[0] is kept.
void capture_above(const void *site, Frames pc, int depth) noexcept {
  constexpr int kSlack = 8;  // our own frames below the site
  void *buf[kMaxSiteDepth + kSlack];
  const int n = g_walk(buf, depth + kSlack);
  for (int i = 0; i < n; ++i) {
    if (buf[i] != site) continue;
    for (int k = 1; k < depth && i + k < n; ++k) pc[k] = buf[i + k];
    return;
  }
}

std::uint64_t hash_site(const Frames pc, int depth, std::uint16_t call) noexcept {
  std::uint64_t h = call;
  for (int k = 0; k < depth; ++k) {
    h = (h ^ reinterpret_cast<std::uintptr_t>(pc[k])) * 0x9E3779B97F4A7C15ull;
  }
  return h ^ (h >> 29);
}

bool same_site(const SiteEntry &e, const Frames pc, int depth) noexcept {
  for (int k = 0; k < depth; ++k) {
    if (e.pc[k] != pc[k]) return false;
  }
  return true;
}

template <class T>
void atomic_add(T &field, T v) noexcept {
  std::atomic_ref<T>(field).fetch_add(v, std::memory_order_relaxed);
}

}  // namespace

void callsites_init() noexcept {
  const int depth = static_cast<int>(config().callsites);
  if (depth > 1) {
    if (void *lib = dlopen("libunwind.so.8", RTLD_NOW | RTLD_LOCAL); lib != nullptr) {
      if (void *f = dlsym(lib, "unw_backtrace"); f != nullptr) {
        g_walk = reinterpret_cast<int (*)(void **, int)>(f);
      }
    }
    void *warm[4];
    g_walk(warm, 4);  // first use loads and allocates: here, not inside an application's call
  }
  callsite_detail::depth = depth < kMaxSiteDepth ? depth : kMaxSiteDepth;
}

bool allocate_sites(SiteTable &t) noexcept {
  if (callsite_detail::depth == 0) return true;
  t.limit = config().callsite_cap;
  std::uint32_t n = 16;
  while (n < 2 * t.limit) n *= 2;
  t.entries = new (std::nothrow) SiteEntry[n];
  if (t.entries == nullptr) return false;
  t.capacity = n;
  return true;
}

// Not inlined: only runs with sites on, and keeps the wrappers' code as it was when off.
__attribute__((noinline)) void record_site(ThreadState &s, CallId id, Ticks dt,
                                           std::uint64_t bytes) noexcept {
  const int depth = callsite_detail::depth;
  Frames pc = {};
  pc[0] = s.site;
  if (depth > 1) capture_above(s.site, pc, depth);
  SiteTable &t = s.tables->sites;
  if (s.shared) {  // threads beyond HPCPAT_MAX_THREADS: counted, not told apart
    atomic_add<std::uint64_t>(t.other_count, 1);
    atomic_add<std::uint64_t>(t.other_bytes, bytes);
    atomic_add<std::uint64_t>(t.other_ticks, dt);
    return;
  }
  if (t.entries != nullptr) {
    const auto call = static_cast<std::uint16_t>(id);
    const std::uint32_t mask = t.capacity - 1;
    for (std::uint32_t i = static_cast<std::uint32_t>(hash_site(pc, depth, call)) & mask;;
         i = (i + 1) & mask) {
      SiteEntry &e = t.entries[i];
      if (e.call == kNoSite) {  // not in the table: a new site, if there is room for it
        if (t.used >= t.limit) break;
        ++t.used;
        e.call = call;
        for (int k = 0; k < depth; ++k) e.pc[k] = pc[k];
      } else if (e.call != call || !same_site(e, pc, depth)) {
        continue;
      }
      ++e.count;
      e.bytes += bytes;
      e.ticks += dt;
      return;
    }
  }
  ++t.other_count;
  t.other_bytes += bytes;
  t.other_ticks += dt;
}

}  // namespace hpcpat::pmpi
