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

// True when the CPU advertises an invariant TSC and the kernel uses it as its clocksource.
bool tsc_usable() noexcept;

// Picks the source, takes the first calibration anchor and measures the cost of a read.
// Idempotent. `force_source` ("tsc" / "clock_gettime") is for benchmarks and tests only.
void timer_init(const char *force_source = nullptr) noexcept;
// Takes the second anchor (inside MPI_Finalize): seconds_per_tick() is frozen from here on.
void timer_finalize() noexcept;

double seconds_per_tick() noexcept;
const char *timer_source() noexcept;  // "tsc" or "clock_gettime" (profile.v1 run.timer.source)
double ns_per_read() noexcept;        // measured at timer_init (run.timer.ns_per_read)

}  // namespace hpcpat::pmpi
