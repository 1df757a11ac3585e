// The hot path's side of call sites (site_table.hpp). Off (HPCPAT_CALLSITES=0, the default) a
// wrapper pays one store (its return address into the thread's state, a line it already holds)
// and one predictable branch in record_since; on, the booking calls record_site() once per timed
// call, after the booked interval closed (its cost is measured by the calibration at MPI_Init,
// which runs with sites on, and charged like the rest of the wrapper: booking.hpp).
#pragma once

#include <cstdint>

#include "tables.hpp"

namespace hpcpat::pmpi {

struct ThreadState;

namespace callsite_detail {
extern int depth;  // HPCPAT_CALLSITES; set once in MPI_Init, before collection starts
}

inline bool callsites_on() noexcept {
  return __builtin_expect(callsite_detail::depth != 0, 0);
}

// Return address of the wrapper that calls it: the application's call site. A macro, not a
// function: __builtin_return_address(0) must be evaluated in the wrapper's own frame.
#define HPCPAT_CALL_SITE() __builtin_return_address(0)

// Books one call to its site: s.site, plus depth-1 frames above it when depth > 1.
void record_site(ThreadState &s, CallId id, Ticks dt, std::uint64_t bytes) noexcept;

// Once in MPI_Init (before calibration, so that it measures the wrappers as they will run):
// reads the depth and warms the frame walker (glibc's backtrace loads libgcc_s and allocates on
// its first use; better there than inside an application's call).
void callsites_init() noexcept;

// Allocates a registering thread's table (when sites are on); false when out of memory (its
// calls then go to "other").
bool allocate_sites(SiteTable &t) noexcept;

}  // namespace hpcpat::pmpi
