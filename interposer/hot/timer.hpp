// The interposer's clock. Two readings bracket every PMPI call, so this is THE hot-path cost.
//
// Choice, measured by bench/pmpi/pmpi_overhead on the team VM (2 vCPUs, invariant TSC, kernel
// clocksource tsc, load average ~11 from other builds; best of 31 x 200k, three runs):
//   two rdtsc reads                     23.7-24.2 ns
//   two clock_gettime(MONOTONIC) (vDSO) 82-97 ns
// so rdtsc is the cheapest correct source here (the vDSO clock_gettime itself reads the TSC and
// adds the conversion and a seqlock loop on top). Added cost of a wrapped MPI_Send in the same
// runs: 18.5-19.5 ns (0.76-0.83 x two reads: rdtsc does not serialise, so it overlaps the call).
// We use rdtsc when the CPU says its TSC is invariant (cpuid 0x80000007 EDX bit 8: constant rate,
// keeps counting in deep C-states; Linux shows constant_tsc+nonstop_tsc) AND the kernel itself
// trusts it (current clocksource "tsc"); otherwise clock_gettime(CLOCK_MONOTONIC). Plain rdtsc,
// no fence: a PMPI call is hundreds of cycles and an out-of-order shift of a few cycles is noise.
// Ticks -> seconds is calibrated against CLOCK_MONOTONIC between MPI_Init and MPI_Finalize (the
// longest baseline we have, so the most precise); before Finalize the current span is used.
// HPCPAT_TIMER overrides the choice (TimerRequest below), e.g. the TSC on a kvm-clock cloud VM.
#pragma once

#include <time.h>

#include <cstdint>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define HPCPAT_HAVE_RDTSC 1
#endif

namespace hpcpat::pmpi {

using Ticks = std::uint64_t;

namespace timer_detail {
extern bool use_tsc;  // written once in timer_init(), before any other thread calls MPI
}

inline std::uint64_t monotonic_ns() noexcept {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000000000ull +
         static_cast<std::uint64_t>(ts.tv_nsec);
}

inline Ticks now() noexcept {
#ifdef HPCPAT_HAVE_RDTSC
  if (timer_detail::use_tsc) return __rdtsc();
#endif
  return monotonic_ns();
}

// What HPCPAT_TIMER asks for. auto: the TSC where the CPU reports it invariant and the kernel
// itself uses it, else clock_gettime. tsc: the invariant TSC even where the kernel keeps another
// clocksource (kvm-clock on many cloud VMs, whose vDSO read costs more), checked at finalize.
enum class TimerRequest : unsigned char { automatic, tsc, clock_gettime };
bool parse_timer_request(const char *text, TimerRequest &out) noexcept;  // "auto", "tsc", ...
const char *timer_request_name(TimerRequest r) noexcept;

// True when the CPU advertises an invariant TSC and the kernel uses it as its clocksource.
bool tsc_usable() noexcept;

// Picks the source, takes the first calibration anchor and measures the cost of a read.
// Idempotent unless `reinit` (benchmarks and tests switch sources).
void timer_init(TimerRequest request = TimerRequest::automatic, bool reinit = false) noexcept;
// The middle anchor (when the application's window opens): the TSC's rate before it and after it
// are compared at finalize.
void timer_mark_window_open() noexcept;
// Takes the last anchor (inside MPI_Finalize): seconds_per_tick() is frozen from here on, at the
// whole run's average rate, so totals agree with CLOCK_MONOTONIC whatever the check finds.
void timer_finalize() noexcept;

double seconds_per_tick() noexcept;
const char *timer_source() noexcept;     // "tsc" or "clock_gettime" (profile.v1 run.timer.source)
const char *timer_requested() noexcept;  // "auto", "tsc" or "clock_gettime" (run.timer.requested)
// Why the source is not what was asked for (HPCPAT_TIMER=tsc on a CPU without an invariant TSC),
// or nullptr.
const char *timer_fallback_reason() noexcept;
double ns_per_read() noexcept;  // measured at timer_init (run.timer.ns_per_read)

// The TSC checked against CLOCK_MONOTONIC: its rate (ns per tick) from MPI_Init to the window's
// opening against its rate from there to MPI_Finalize. A constant-rate counter gives the same
// rate; NTP may slew CLOCK_MONOTONIC by up to 500 ppm, so the tolerance is 0.1 %. Both spans must
// last kMinCheckSpanNs so that a read's jitter (< 200 ns, bracketed) stays below 2e-5 of them.
struct TimerAnchor {
  std::uint64_t ns = 0;  // CLOCK_MONOTONIC
  Ticks ticks = 0;
};
struct TimerCheck {
  bool checked = false;     // the TSC was used and both spans were long enough
  double rate_change = 0;   // rate after / rate before - 1
  bool agrees = true;       // |rate_change| <= kTimerRateTolerance (and ticks moved forward)
};
inline constexpr double kTimerRateTolerance = 1e-3;
inline constexpr std::uint64_t kMinCheckSpanNs = 10'000'000;
TimerCheck compare_rates(TimerAnchor init, TimerAnchor window, TimerAnchor finalize) noexcept;
TimerCheck timer_check() noexcept;  // this process's verdict, after timer_finalize

}  // namespace hpcpat::pmpi
