// Booking calls to their call sites: see callsites.hpp and site_table.hpp.
#include "callsites.hpp"

#include <dlfcn.h>
#include <execinfo.h>
#include <link.h>

#include <atomic>
#include <new>

#include "config.hpp"
#include "thread_state.hpp"

namespace hpcpat::pmpi {

namespace callsite_detail {
int depth = 0;
}

namespace {

// The frame walker for depth > 1 and for calls through the MPI's Fortran layer: libunwind's
// unw_backtrace (Debian's libunwind8) when it can be loaded, which caches unwind info (~1 us for 4 frames here); else glibc's backtrace, which
// searches every loaded module per frame through the libgcc unwinder (~100 us with Open MPI's
// hundred-odd components). Loaded with RTLD_LOCAL: its own `backtrace` must not replace glibc's
// for the application.
int (*g_walk)(void **, int) = backtrace;

using Frames = const void *[kMaxSiteDepth];

// The MPI's own Fortran layer, where it reaches our C wrappers: MPICH's mpi_send_ (`use mpi`,
// mpif.h) and mpi_send_f08ts_ (`use mpi_f08`, routines with a choice buffer) call the C MPI_Send,
// whose wrapper then sees libmpichfort as its caller. A site there is the MPI's, not the
// application's: the walk skips it (record_site). Executable segments of the modules holding
// those symbols, found once in callsites_init; Open MPI's Fortran layers call PMPI_* (never a C
// wrapper), so a range of theirs is never met.
struct CodeRange {
  std::uintptr_t lo = 0, hi = 0;
};
constexpr int kMaxLayers = 2;
CodeRange g_layer[kMaxLayers];
int g_layers = 0;

bool in_mpi_layer(const void *pc) noexcept {
  const auto a = reinterpret_cast<std::uintptr_t>(pc);
  for (int i = 0; i < g_layers; ++i) {
    if (a >= g_layer[i].lo && a < g_layer[i].hi) return true;
  }
  return false;
}

int add_layer_segment(dl_phdr_info *info, std::size_t, void *symbol) noexcept {
  const auto a = reinterpret_cast<std::uintptr_t>(symbol);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) &ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD || (ph.p_flags & PF_X) == 0) continue;
    const std::uintptr_t lo = info->dlpi_addr + ph.p_vaddr;
    if (a < lo || a >= lo + ph.p_memsz) continue;
    if (!in_mpi_layer(symbol) && g_layers < kMaxLayers) g_layer[g_layers++] = {lo, lo + ph.p_memsz};
    return 1;
  }
  return 0;
}

void find_mpi_fortran_layer() noexcept {
  // RTLD_NEXT: the MPI's definition, not a wrapper of ours with the same name.
  for (const char *name : {"mpi_send_", "mpi_send_f08ts_"}) {
    if (void *sym = dlsym(RTLD_NEXT, name); sym != nullptr) dl_iterate_phdr(add_layer_segment, sym);
  }
}

// The frames from `site` (the wrapper's return address) up: glibc's backtrace from here lists
// this function, the wrapper (or the booking helpers it did not inline), then the application's
// call site and its callers. Finding `site` in the list makes the result independent of how much
// the compiler inlined. Frames in the MPI's Fortran layer are skipped, so pc[0] becomes the
// application's call to the Fortran routine. When `site` is not found (a frame without unwind
// info), pc is left as it was (pc[0] = site).
void capture_from(const void *site, Frames pc, int depth) noexcept {
  constexpr int kSlack = 8;       // our own frames below the site
  constexpr int kLayerSlack = 4;  // the Fortran layer's frames above it (MPICH: 1-2)
  void *buf[kMaxSiteDepth + kSlack + kLayerSlack];
  const int n = g_walk(buf, depth + kSlack + (g_layers > 0 ? kLayerSlack : 0));
  for (int i = 0; i < n; ++i) {
    if (buf[i] != site) continue;
    while (i + 1 < n && in_mpi_layer(buf[i])) ++i;
    for (int k = 0; k < depth && i + k < n; ++k) pc[k] = buf[i + k];
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
  if (depth > 0) find_mpi_fortran_layer();
  if (depth > 1 || g_layers > 0) {  // frames will be walked
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
  if (depth > 1 || in_mpi_layer(s.site)) capture_from(s.site, pc, depth);
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
