// What our MPI_Init / MPI_Finalize / MPI_Abort wrappers do around PMPI and the report's hooks.
#include "config.hpp"
#include "hot_path.hpp"
#include "lifecycle.hpp"

namespace hpcpat::pmpi {

namespace {

// Counts a lifecycle call (never timed, see hot_path.hpp) on the calling thread's tables.
void count_call(CallId id) noexcept {
  if (ThreadState *s = hot_state(); s != nullptr) record(*s, id, 0, 0);
}

}  // namespace

bool before_init() noexcept {
  return !config().disable;
}

void after_init(int provided, CallId id) noexcept {
  if (g_live.load(std::memory_order_relaxed)) return;  // a second Init: MPI reports the error
  if (provided < 0 && PMPI_Query_thread(&provided) != MPI_SUCCESS) provided = MPI_THREAD_SINGLE;
  timer_init();
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
