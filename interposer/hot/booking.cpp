#include "booking.hpp"

#include <algorithm>
#include <memory>
#include <new>

#include "record.hpp"

namespace hpcpat::pmpi {

namespace booking_detail {
Ticks unbooked_ticks = 0;
Ticks tight_span_ticks = 0;
}  // namespace booking_detail

namespace {

double g_ns_unbooked = 0;
double g_ns_added = 0;
bool g_calibrated = false;

constexpr int kLoopCalls = 200, kRepeats = 31;

// A wrapped call with a real call's footprint (the progress engine runs, caches are shared with
// MPI's own data, as in an application), to one's self so that no other rank takes part: an
// 8-byte MPI_Sendrecv on MPI_COMM_SELF, through the exported wrapper (the dynamic linker's
// choice, as for the application) or straight to PMPI.
void sendrecv_self_wrapped() noexcept {
  char out[8] = {}, in[8];
  MPI_Sendrecv(out, 8, MPI_BYTE, 0, 0, in, 8, MPI_BYTE, 0, 0, MPI_COMM_SELF, MPI_STATUS_IGNORE);
}
void sendrecv_self_pmpi() noexcept {
  char out[8] = {}, in[8];
  PMPI_Sendrecv(out, 8, MPI_BYTE, 0, 0, in, 8, MPI_BYTE, 0, 0, MPI_COMM_SELF, MPI_STATUS_IGNORE);
}

struct Loop {
  Ticks ticks = 0;  // the whole loop, as its caller saw it
  std::uint64_t ns = 0;
  Ticks booked = 0;  // what the calls booked for themselves
};

// The median over repetitions of each figure on its own: typical, where the fastest repetition
// would flatter the wrappers, and robust to a repetition a preemption disturbed.
Loop median_loop(void (*call)() noexcept, const ThreadTables &scratch) noexcept {
  Ticks ticks[kRepeats], unbooked[kRepeats];
  std::uint64_t ns[kRepeats];
  for (int r = 0; r < kRepeats; ++r) {
    const Ticks booked_before = scratch.mpi_ticks;
    const std::uint64_t ns0 = monotonic_ns();
    const Ticks a = now();
    for (int i = 0; i < kLoopCalls; ++i) call();
    ticks[r] = now() - a;
    ns[r] = monotonic_ns() - ns0;
    const Ticks booked = scratch.mpi_ticks - booked_before;
    unbooked[r] = ticks[r] > booked ? ticks[r] - booked : 0;
  }
  auto median = [](auto *v) {
    std::nth_element(v, v + kRepeats / 2, v + kRepeats);
    return v[kRepeats / 2];
  };
  const Ticks t = median(ticks);
  return Loop{t, median(ns), t - std::min(t, median(unbooked))};
}

}  // namespace

void calibrate_booking() noexcept {
  if (g_calibrated) return;
  auto tables = std::unique_ptr<ThreadTables>(new (std::nothrow) ThreadTables());
  if (tables == nullptr) return;  // nothing charged: MPI time reads low by a few ns per call
  // The real wrappers run, booking into scratch tables: this thread's state is swapped for a
  // scratch one and collection is on for the duration (MPI_Init has not returned: no other
  // thread of the application can be calling MPI yet).
  ThreadState scratch;
  scratch.tables = tables.get();
  const TlsSlot saved = tls_slot;
  tls_slot = TlsSlot{&scratch, 0};
  g_collect.store(true, std::memory_order_relaxed);
  const Loop wrapped = median_loop(sendrecv_self_wrapped, *tables);
  const Loop direct = median_loop(sendrecv_self_pmpi, *tables);
  g_collect.store(false, std::memory_order_relaxed);
  tls_slot = saved;
  // What the calls took, as their caller saw it, beyond what they booked for themselves.
  const Ticks unbooked = wrapped.ticks > wrapped.booked ? wrapped.ticks - wrapped.booked : 0;
  booking_detail::unbooked_ticks = unbooked / kLoopCalls;
  const double ns_per_tick = static_cast<double>(wrapped.ns) / static_cast<double>(wrapped.ticks);
  g_ns_unbooked = static_cast<double>(unbooked) * ns_per_tick / kLoopCalls;
  booking_detail::tight_span_ticks =
      std::max(kTightSpanRemainders * booking_detail::unbooked_ticks,
               ns_per_tick > 0 ? static_cast<Ticks>(kTightSpanFloorNs / ns_per_tick) : Ticks{0});
  const double added_ns =
      (static_cast<double>(wrapped.ns) - static_cast<double>(direct.ns)) / kLoopCalls;
  g_ns_added = added_ns > 0 ? added_ns : 0;
  g_calibrated = true;
}

double ns_unbooked_per_call() noexcept {
  return g_ns_unbooked;
}

double ns_added_per_call() noexcept {
  return g_ns_added;
}

}  // namespace hpcpat::pmpi
