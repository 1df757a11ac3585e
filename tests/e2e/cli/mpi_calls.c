/* A known mix of MPI calls, so that a profile's counts can be checked exactly.
 *
 * Every rank: 10 MPI_Allreduce of one double, 3 MPI_Barrier. With 2 ranks or more, rank 0 sends
 * 5 messages of 1024 bytes to rank 1, which receives them with MPI_Recv.
 *
 * usage: hpcpat-e2e-mpi-calls [--exit-code N] [--exit-before-finalize N] [--hold FILE]
 *                            [--crash-rank R] [ANY...]
 *   --exit-code N  rank 0 exits with status N after MPI_Finalize (a failing application)
 *   --exit-before-finalize N  after the calls and a barrier, every rank exits with status N
 *                  without MPI_Finalize (an application that gives up early)
 *   --hold FILE    after the calls, rank 0 creates FILE and every rank waits (up to 60 s) for a
 *                  signal, so a test can interrupt a run at a known point
 *   --crash-rank R after the calls and a barrier, rank R dies of SIGABRT (a crashing rank)
 *   other arguments are ignored: tests pass odd ones to see them arrive intact in the profile.
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { kAllreduces = 10, kBarriers = 3, kMessages = 5, kMessageBytes = 1024 };

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  int exit_code = 0;
  int early_exit = -1;
  const char *hold_file = NULL;
  int crash_rank = -1;
  for (int i = 1; i + 1 < argc; ++i) {
    if (strcmp(argv[i], "--exit-code") == 0) exit_code = atoi(argv[i + 1]);
    if (strcmp(argv[i], "--hold") == 0) hold_file = argv[i + 1];
    if (strcmp(argv[i], "--exit-before-finalize") == 0) early_exit = atoi(argv[i + 1]);
    if (strcmp(argv[i], "--crash-rank") == 0) crash_rank = atoi(argv[i + 1]);
  }

  double sum = 0.0;
  for (int i = 0; i < kAllreduces; ++i) {
    double mine = rank + i;
    MPI_Allreduce(&mine, &sum, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  }
  for (int i = 0; i < kBarriers; ++i) MPI_Barrier(MPI_COMM_WORLD);

  static char buffer[kMessageBytes];
  if (size >= 2) {
    for (int i = 0; i < kMessages; ++i) {
      if (rank == 0) {
        memset(buffer, i, sizeof buffer);
        MPI_Send(buffer, kMessageBytes, MPI_BYTE, 1, i, MPI_COMM_WORLD);
      } else if (rank == 1) {
        MPI_Recv(buffer, kMessageBytes, MPI_BYTE, 0, i, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      }
    }
  }
  if (crash_rank >= 0) {
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank == crash_rank) abort();
  }
  if (early_exit >= 0) {
    MPI_Barrier(MPI_COMM_WORLD);
    exit(early_exit);
  }
  if (hold_file != NULL) {
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank == 0) {
      FILE *f = fopen(hold_file, "w");
      if (f != NULL) fclose(f);
    }
    for (int s = 0; s < 60; ++s) sleep(1);
  }
  MPI_Finalize();
  return rank == 0 ? exit_code : 0;
}
