// What the application waits in a wrapped call is the wrapper's whole life, entry to exit. A
// wrapper reads the clock as early as it can (t0, before even finding its thread's tables) and
// as late as it can (inside booked_since, after every piece of bookkeeping: statuses, request
// scans, peer translation, first-use allocations), so all of that is MPI time, as the caller
// sees it. What still lies outside [t0, t1] -- the call into the wrapper, half of each clock
// read, the table update after t1, the return -- is measured once at MPI_Init by timing real
// wrapped calls (8-byte MPI_Sendrecv to self) against what they booked, and charged to every
// timed call that did not follow the thread's previous call closely (booked_since). Timing the
// same calls straight to PMPI gives the interposer's own cost per call, which the profile reports
// so users can judge the perturbation. On a VM whose TSC read costs 17 ns the charge is ~20-35 ns,
// right to a few ns for most calls (tests/mpi/fidelity).
#pragma once

#include "timer.hpp"

namespace hpcpat::pmpi {

namespace booking_detail {
extern Ticks unbooked_ticks;  // written once in calibrate_booking(), before collection starts
}

// A full fence, t1's only ordering: the MPI library's stores still in the store buffer when it
// returns (a shared-memory send's cell, whose cache line the peer's core owns) drain before t1 is
// read. Without it that drain is paid in whatever code of the wrapper or the application next
// fills the store buffer, outside [t0, t1]: in an 8-byte ping-pong whose cross-core transfers
// were slow (0.7 us a message, a state of the host), 50 ns a call went missing, -2.5 pp of MPI
// fraction; with it, within 0.3 pp, for 1-5 ns a call (bench/pmpi/overhead_ab.py: +0.8 ns with
// the TSC, +4.6 ns with clock_gettime). `lock or` on the stack is GCC's own seq_cst fence, spelled
// in asm because ThreadSanitizer rejects atomic_thread_fence.
inline void drain_stores() noexcept {
#if defined(__x86_64__)
  asm volatile("lock orq $0, (%%rsp)" ::: "memory", "cc");
#elif defined(__aarch64__)
  asm volatile("dmb ish" ::: "memory");
#endif
}

// How long a span between two calls may be and still be the wrappers' alone: kTightSpanRemainders
// calibrated remainders, and never less than kTightSpanFloorNs. The calibration is one moment of
// the host, in a hot loop. In the host's slow states the wrapper's tail and head take far longer:
// cross-core transfers three times slower made a CI run's ping-pong spans ~34 ns against a
// remainder of 11 ns (TSC); on another day a fifth of an 8-byte ping-pong's spans took 100-140 ns
// against a remainder of 9 ns, in some launches only (-1.5 pp of MPI fraction where they were
// charged the remainder, 0.0 pp where they were booked whole; spans histogrammed in the
// interposer, 2026-12-07). Work that short between two MPI calls is the loop that makes them.
inline constexpr Ticks kTightSpanRemainders = 4;
inline constexpr double kTightSpanFloorNs = 250;

namespace booking_detail {
extern Ticks tight_span_ticks;  // written once in calibrate_booking(), as unbooked_ticks
}

// Ticks to book for a call that read t0 at its entry: now - t0, plus what lies outside [t0, t1].
// The span since this thread's previous call read its t1 (`last_t1`, updated here) holds that
// call's tail and this call's head, with whatever the application did in between. A span up to
// the tight bound above is taken as the wrapper's alone and booked whole: a tight polling loop
// does nothing between its calls, and its wrapper costs vary around the calibration's from call
// to call (charging the calibrated remainder to each, up to 13 ns a call too much or too little:
// -2 to +12 pp of MPI fraction with MPICH, 3 million MPI_Test calls in 0.3 s; capping the charge
// at the span, -0.3 to -1.9 pp). A longer span holds application work, and the calibrated
// remainder is charged. So an application doing less than about 250 ns of work between two calls
// has that work booked as MPI time.
inline Ticks booked_since(Ticks t0, Ticks &last_t1) noexcept {
  drain_stores();
  const Ticks t1 = now();
  const Ticks since_last = t0 > last_t1 ? t0 - last_t1 : 0;
  last_t1 = t1;
  return t1 - t0 +
         (since_last <= booking_detail::tight_span_ticks ? since_last
                                                         : booking_detail::unbooked_ticks);
}

// Inside MPI_Init, after PMPI_Init and timer_init(), before collection starts: the median of
// several repetitions, booked into scratch tables. Idempotent.
void calibrate_booking() noexcept;

// Per wrapped call, in ns: the part charged by booked_since, and the whole cost a wrapper adds
// around a PMPI call (profile v1: run.timer.ns_unbooked_per_call and
// ns_added_per_call; the latter times the timed calls is ranks[].interposer_time_s).
double ns_unbooked_per_call() noexcept;
double ns_added_per_call() noexcept;

}  // namespace hpcpat::pmpi
