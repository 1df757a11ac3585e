// Ends a run without MPI_Finalize, the two ways a real run does, after a known number of calls:
//   fault_app abort   : every rank does 2 barriers, then rank 1 (rank 0 when alone) calls
//                       MPI_Abort(MPI_COMM_WORLD, 3) while the others wait in a third barrier.
//   fault_app sigterm : every rank does 2 barriers, then raises SIGTERM (what a launcher's
//                       timeout delivers).
//   fault_app wait    : every rank does 2 barriers, rank 0 prints "ready" and all ranks spin
//                       until a signal from outside ends them (a driver kills the launcher).
//   fault_app ok      : 2 barriers and MPI_Finalize (bad-environment test).
//   fault_app own     : installs its own SIGTERM handler BEFORE MPI_Init, raises SIGTERM after
//                       2 barriers, and finalizes normally once its handler has run: the
//                       interposer must dump, then call the app's handler, and not kill the app.
#include <mpi.h>
#include <signal.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>

namespace {
volatile std::sig_atomic_t g_app_handler_ran = 0;
void app_handler(int) {
  g_app_handler_ran = 1;
}

// Returns once every rank has returned from its second barrier, without MPI: each rank leaves a
// file passed.rank<N> in the working directory and waits for all of them. A barrier's return is
// not simultaneous, and the launcher signals the other ranks as soon as one rank dies: a rank
// still inside its second barrier would then dump one completed barrier, not two.
void all_ranks_past_barriers(int rank, int size) {
  char name[64];
  std::snprintf(name, sizeof name, "passed.rank%d", rank);
  if (FILE *f = std::fopen(name, "w")) std::fclose(f);
  for (int waited_ms = 0; waited_ms < 30000; ++waited_ms) {  // bounded: never hang a test
    int present = 0;
    for (int r = 0; r < size; ++r) {
      std::snprintf(name, sizeof name, "passed.rank%d", r);
      present += access(name, F_OK) == 0 ? 1 : 0;
    }
    if (present == size) return;
    usleep(1000);
  }
}
}  // namespace

int main(int argc, char **argv) {
  const bool own = argc > 1 && std::strcmp(argv[1], "own") == 0;
  if (own) std::signal(SIGTERM, app_handler);
  MPI_Init(&argc, &argv);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const char *mode = argc > 1 ? argv[1] : "";
  MPI_Barrier(MPI_COMM_WORLD);
  MPI_Barrier(MPI_COMM_WORLD);
  if (std::strcmp(mode, "abort") == 0 || std::strcmp(mode, "sigterm") == 0 ||
      std::strcmp(mode, "wait") == 0) {
    all_ranks_past_barriers(rank, size);
  }
  if (std::strcmp(mode, "abort") == 0) {
    if (rank == (size > 1 ? 1 : 0)) MPI_Abort(MPI_COMM_WORLD, 3);
    MPI_Barrier(MPI_COMM_WORLD);  // never completes: the aborting rank does not join
  } else if (std::strcmp(mode, "sigterm") == 0) {
    raise(SIGTERM);
  } else if (std::strcmp(mode, "wait") == 0) {
    if (rank == 0) {
      std::printf("ready\n");
      std::fflush(stdout);
    }
    volatile unsigned long spins = 0;
    for (;;) spins = spins + 1;  // ended by the driver's signal
  } else if (own) {
    raise(SIGTERM);
    std::printf("rank %d: app handler ran: %d\n", rank, static_cast<int>(g_app_handler_ran));
    if (g_app_handler_ran == 0) MPI_Abort(MPI_COMM_WORLD, 1);
  } else if (std::strcmp(mode, "ok") != 0) {
    if (rank == 0) std::fprintf(stderr, "fault_app: mode must be abort|sigterm|wait|ok|own\n");
    MPI_Finalize();
    return 2;
  }
  MPI_Finalize();
  return 0;
}
