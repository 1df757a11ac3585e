// Everything a generated wrapper body calls.
#pragma once

#include <mpi.h>

#include "booking.hpp"
#include "bytes.hpp"
#include "calls.hpp"
#include "completion.hpp"
#include "record.hpp"
#include "thread_state.hpp"
#include "timer.hpp"

// The library is built with -fvisibility=hidden; the wrappers (and only they, with the region API)
// are exported, and the version script (src/exports.map) keeps it that way.
#define HPCPAT_EXPORT __attribute__((visibility("default")))

namespace hpcpat::pmpi {

// Lifecycle plumbing around the report's hooks (lifecycle.hpp), in lifecycle_hooks.cpp.
// Init and Finalize are counted but never timed: the profiled window (app time) runs from the end
// of MPI_Init to the start of MPI_Finalize, so their own time lies outside it.
bool before_init() noexcept;                        // false: HPCPAT_DISABLE=1, pass through
void after_init(int provided, CallId id) noexcept;  // provided < 0: ask PMPI_Query_thread
void before_finalize(CallId id) noexcept;
void before_abort(CallId id, MPI_Comm comm, int errorcode) noexcept;

}  // namespace hpcpat::pmpi
