#include "timer.hpp"

#include <cpuid.h>

#include <cstdio>
#include <cstring>
#include <initializer_list>

#include "hpcpat/contract.h"

namespace hpcpat::pmpi {

namespace timer_detail {
bool use_tsc = false;
}

namespace {

bool g_initialized = false;
bool g_frozen = false;
TimerAnchor g_init, g_window, g_final;
bool g_have_window = false;
double g_seconds_per_tick = 1e-9;
double g_ns_per_read = 0.0;
TimerRequest g_requested = TimerRequest::automatic;
const char *g_fallback = nullptr;

// The span over which a live (not yet frozen) calibration is taken at least.
constexpr std::uint64_t kMinCalibrationNs = 20'000'000;  // 20 ms: < 1e-5 relative error

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

// A (CLOCK_MONOTONIC, ticks) pair read as close together as we can: the tick read bracketed by
// two clock reads, the narrowest bracket of a few tries (a preemption widens one, not all).
TimerAnchor take_anchor() noexcept {
  TimerAnchor best;
  std::uint64_t best_width = ~std::uint64_t{0};
  for (int i = 0; i < 5; ++i) {
    const std::uint64_t a = monotonic_ns();
    const Ticks t = now();
    const std::uint64_t b = monotonic_ns();
    if (b - a < best_width) {
      best_width = b - a;
      best = TimerAnchor{a + (b - a) / 2, t};
    }
  }
  return best;
}

double rate(TimerAnchor from, TimerAnchor to) noexcept {  // seconds per tick, 0 when undefined
  if (to.ticks <= from.ticks || to.ns <= from.ns) return 0.0;
  return static_cast<double>(to.ns - from.ns) * 1e-9 / static_cast<double>(to.ticks - from.ticks);
}

// The whole run's average rate, waiting until the run spans kMinCalibrationNs if it does not yet.
double span_seconds_per_tick(TimerAnchor &last) noexcept {
  last = take_anchor();
  while (last.ns - g_init.ns < kMinCalibrationNs) last = take_anchor();
  const double r = rate(g_init, last);
  return r > 0.0 ? r : g_seconds_per_tick;
}

}  // namespace

bool parse_timer_request(const char *text, TimerRequest &out) noexcept {
  for (const TimerRequest r :
       {TimerRequest::automatic, TimerRequest::tsc, TimerRequest::clock_gettime}) {
    if (std::strcmp(text, timer_request_name(r)) == 0) {
      out = r;
      return true;
    }
  }
  return false;
}

const char *timer_request_name(TimerRequest r) noexcept {
  switch (r) {
    case TimerRequest::tsc: return "tsc";
    case TimerRequest::clock_gettime: return "clock_gettime";
    case TimerRequest::automatic: break;
  }
  return "auto";
}

bool tsc_usable() noexcept {
  return cpu_has_invariant_tsc() && kernel_uses_tsc();
}

void timer_init(TimerRequest request, bool reinit) noexcept {
  if (g_initialized && !reinit) return;
  g_requested = request;
  g_fallback = nullptr;
  switch (request) {
    case TimerRequest::automatic: timer_detail::use_tsc = tsc_usable(); break;
    case TimerRequest::clock_gettime: timer_detail::use_tsc = false; break;
    case TimerRequest::tsc:
      timer_detail::use_tsc = cpu_has_invariant_tsc();
      if (!timer_detail::use_tsc) {
        static char why[160];
        std::snprintf(why, sizeof why,
                      "%s=tsc, but the CPU reports no invariant TSC (cpuid 0x80000007 EDX bit 8): "
                      "clock_gettime(CLOCK_MONOTONIC) is used instead",
                      contract::kEnvTimer);
        g_fallback = why;
      }
      break;
  }
  g_seconds_per_tick = 1e-9;  // exact for clock_gettime; replaced by calibration for the TSC
  g_frozen = false;
  g_have_window = false;
  g_init = take_anchor();
  g_ns_per_read = measure_ns_per_read();
  g_initialized = true;
}

void timer_mark_window_open() noexcept {
  if (!g_initialized || g_frozen) return;
  g_window = take_anchor();
  g_have_window = true;
}

void timer_finalize() noexcept {
  if (!g_initialized || g_frozen) return;
  if (timer_detail::use_tsc) g_seconds_per_tick = span_seconds_per_tick(g_final);
  g_frozen = true;
}

double seconds_per_tick() noexcept {
  if (!timer_detail::use_tsc || g_frozen || !g_initialized) return g_seconds_per_tick;
  TimerAnchor last;
  return span_seconds_per_tick(last);
}

TimerCheck compare_rates(TimerAnchor init, TimerAnchor window, TimerAnchor finalize) noexcept {
  TimerCheck c;
  if (window.ns < init.ns + kMinCheckSpanNs || finalize.ns < window.ns + kMinCheckSpanNs) {
    return c;  // too short to tell a rate change from a read's jitter
  }
  c.checked = true;
  const double before = rate(init, window), after = rate(window, finalize);
  if (before <= 0.0 || after <= 0.0) {  // the counter stood still or went backwards
    c.rate_change = -1.0;
    c.agrees = false;
    return c;
  }
  c.rate_change = after / before - 1.0;
  c.agrees = c.rate_change <= kTimerRateTolerance && c.rate_change >= -kTimerRateTolerance;
  return c;
}

TimerCheck timer_check() noexcept {
  if (!timer_detail::use_tsc || !g_frozen || !g_have_window) return TimerCheck{};
  return compare_rates(g_init, g_window, g_final);
}

const char *timer_source() noexcept {
  return timer_detail::use_tsc ? "tsc" : "clock_gettime";
}

const char *timer_requested() noexcept {
  return timer_request_name(g_requested);
}

const char *timer_fallback_reason() noexcept {
  return g_fallback;
}

double ns_per_read() noexcept {
  return g_ns_per_read;
}

}  // namespace hpcpat::pmpi
