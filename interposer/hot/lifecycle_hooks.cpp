// What our MPI_Init / MPI_Finalize / MPI_Abort wrappers do around PMPI and the report's hooks.
#include <cstdio>

#include "config.hpp"
#include "entry.hpp"
#include "host_mpi.hpp"
#include "hot_path.hpp"
#include "lifecycle.hpp"

namespace hpcpat::pmpi {

namespace {

bool g_saw_init = false;
bool g_stepped_aside = false;  // the host runs another MPI flavour (host_mpi.hpp)

// At unload: MPI was initialised but not through any of our Init wrappers (C, Fortran, f08) -- a
// static link, or an entry point we do not define. Say so once instead of leaving no profile.
// libmpi, which we link, is unloaded after us, and MPI_Initialized/MPI_Finalized may be called
// at any time.
__attribute__((destructor)) void say_if_bypassed() {
  if (g_saw_init || hpcpat_step_aside != 0 || config().disable) return;
  int initialized = 0, finalized = 0;
  PMPI_Initialized(&initialized);
  PMPI_Finalized(&finalized);
  if (initialized != 0 || finalized != 0) {
    std::fputs("hpcpat: MPI was initialised without going through hpcpat's MPI_Init (a static "
               "link, or an Init entry point hpcpat does not wrap): no profile\n",
               stderr);
  }
}

// Counts a lifecycle call (never timed, see hot_path.hpp) on the calling thread's tables.
void count_call(CallId id) noexcept {
  if (ThreadState *s = hot_state(); s != nullptr) record_since(*s, id, 0, 0, false);
}

}  // namespace

// First thing in MPI_Init, before any MPI object is touched: a disabled or mismatched interposer
// passes every call through (our PMPI_* references bind to the host's own library).
bool before_init() noexcept {
  if (config().disable) return false;
  if (hpcpat_step_aside != 0) {  // decided at load (host_mpi.cpp); said once, here
    if (!g_stepped_aside) say_host_mismatch();
    g_stepped_aside = true;
    return false;
  }
  return true;
}

void after_init(int provided, CallId id) noexcept {
  if (g_live.load(std::memory_order_relaxed)) return;  // a second Init: MPI reports the error
  g_saw_init = true;
  if (provided < 0 && PMPI_Query_thread(&provided) != MPI_SUCCESS) provided = MPI_THREAD_SINGLE;
  timer_init(config().timer);
  callsites_init();     // before calibration: the wrappers are measured as they will run
  calibrate_booking();  // before collection starts: it emulates a wrapper on scratch tables
  PMPI_Comm_group(MPI_COMM_WORLD, &g_world_group);
  int rank = 0;
  PMPI_Comm_rank(MPI_COMM_WORLD, &rank);
  if (rank == 0) print_config_messages(config());
  g_live.store(true, std::memory_order_release);
  g_collect.store(true, std::memory_order_release);
  count_call(id);
  on_init(provided);
}

void before_finalize(CallId id) noexcept {
  if (!g_live.load(std::memory_order_acquire)) return;
  count_call(id);
  g_collect.store(false, std::memory_order_release);
  timer_finalize();
  on_finalize();
  g_live.store(false, std::memory_order_release);
}

void before_abort(CallId id, MPI_Comm comm, int errorcode) noexcept {
  if (!g_live.load(std::memory_order_acquire)) return;
  count_call(id);
  g_collect.store(false, std::memory_order_release);
  on_abort(comm, errorcode);
}

}  // namespace hpcpat::pmpi
