#include "timer.hpp"

#include <cpuid.h>

#include <cstdio>
#include <cstring>

namespace hpcpat::pmpi {

namespace timer_detail {
bool use_tsc = false;
}

namespace {

bool g_initialized = false;
bool g_frozen = false;
Ticks g_tick0 = 0;
std::uint64_t g_ns0 = 0;
double g_seconds_per_tick = 1e-9;
double g_ns_per_read = 0.0;

// The span over which a live (not yet frozen) calibration is taken at least.
constexpr std::uint64_t kMinCalibrationNs = 20'000'000;  // 20 ms: < 1e-6 relative error

bool cpu_has_invariant_tsc() noexcept {
#ifdef HPCPAT_HAVE_RDTSC
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(0x80000000u, &eax, &ebx, &ecx, &edx) == 0 || eax < 0x80000007u) return false;
  if (__get_cpuid(0x80000007u, &eax, &ebx, &ecx, &edx) == 0) return false;
  return (edx & (1u << 8)) != 0;
#else
  return false;
#endif
}

bool kernel_uses_tsc() noexcept {
  std::FILE *f =
      std::fopen("/sys/devices/system/clocksource/clocksource0/current_clocksource", "r");
  if (f == nullptr) return true;  // no sysfs (some containers): trust the CPU flag alone
  char buf[32] = {};
  const bool ok = std::fgets(buf, sizeof buf, f) != nullptr;
  std::fclose(f);
  return ok && std::strncmp(buf, "tsc", 3) == 0;
}

double measure_ns_per_read() noexcept {
  constexpr int kReads = 4000;
  volatile Ticks sink = 0;
  const std::uint64_t a = monotonic_ns();
  for (int i = 0; i < kReads; ++i) sink = sink + now();
  const std::uint64_t b = monotonic_ns();
  return static_cast<double>(b - a) / kReads;
}

double span_seconds_per_tick(bool wait_for_span) noexcept {
  std::uint64_t ns = monotonic_ns();
  Ticks t = now();
  while (wait_for_span && ns - g_ns0 < kMinCalibrationNs) {
    ns = monotonic_ns();
    t = now();
  }
  if (t <= g_tick0 || ns <= g_ns0) return g_seconds_per_tick;
  return static_cast<double>(ns - g_ns0) * 1e-9 / static_cast<double>(t - g_tick0);
}

}  // namespace

bool tsc_usable() noexcept {
  return cpu_has_invariant_tsc() && kernel_uses_tsc();
}

void timer_init(const char *force_source) noexcept {
  if (g_initialized && force_source == nullptr) return;
  if (force_source != nullptr) {
    timer_detail::use_tsc = std::strcmp(force_source, "tsc") == 0 && cpu_has_invariant_tsc();
  } else {
    timer_detail::use_tsc = tsc_usable();
  }
  g_seconds_per_tick = 1e-9;  // exact for clock_gettime; replaced by calibration for the TSC
  g_frozen = false;
  g_ns0 = monotonic_ns();
  g_tick0 = now();
  g_ns_per_read = measure_ns_per_read();
  g_initialized = true;
}

void timer_finalize() noexcept {
  if (!g_initialized || g_frozen) return;
  if (timer_detail::use_tsc) g_seconds_per_tick = span_seconds_per_tick(true);
  g_frozen = true;
}

double seconds_per_tick() noexcept {
  if (!timer_detail::use_tsc || g_frozen || !g_initialized) return g_seconds_per_tick;
  return span_seconds_per_tick(true);
}

const char *timer_source() noexcept {
  return timer_detail::use_tsc ? "tsc" : "clock_gettime";
}

double ns_per_read() noexcept {
  return g_ns_per_read;
}

}  // namespace hpcpat::pmpi
