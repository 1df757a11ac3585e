/* Call sites by construction: rank 0 sends from two functions, each with one MPI_Send call on a
 * known line (written with __LINE__ on the same line as the call), rank 1 receives at one site.
 * Every call is timed by the program's own clock (MPI_Wtime, which is not wrapped) and the
 * expectations go to a side file that check_callsites.py holds the profile's `callsites` to:
 * exact counts and bytes per site, the function, file and line, and time within a tolerance.
 *
 *   callsites_app EXPECTED_FILE
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { kSmallCount = 3000, kSmallBytes = 64, kLargeCount = 40, kLargeBytes = 1 << 20 };

static char *g_buf;

struct site {
  const char *function;
  int line;
  long count;
  long bytes;
  double seconds; /* the program's own clock around the calls */
};

static struct site g_small = {"send_small", 0, 0, 0, 0};
static struct site g_large = {"send_large", 0, 0, 0, 0};
static struct site g_recv = {"receive_all", 0, 0, 0, 0};

__attribute__((noinline)) static void send_small(void) {
  for (int i = 0; i < kSmallCount; ++i) {
    const double t0 = MPI_Wtime();
    MPI_Send(g_buf, kSmallBytes, MPI_BYTE, 1, 1, MPI_COMM_WORLD); g_small.line = __LINE__;
    g_small.seconds += MPI_Wtime() - t0;
    ++g_small.count;
    g_small.bytes += kSmallBytes;
  }
}

__attribute__((noinline)) static void send_large(void) {
  for (int i = 0; i < kLargeCount; ++i) {
    const double t0 = MPI_Wtime();
    MPI_Send(g_buf, kLargeBytes, MPI_BYTE, 1, 2, MPI_COMM_WORLD); g_large.line = __LINE__;
    g_large.seconds += MPI_Wtime() - t0;
    ++g_large.count;
    g_large.bytes += kLargeBytes;
  }
}

__attribute__((noinline)) static void receive_all(void) {
  for (int i = 0; i < kSmallCount + kLargeCount; ++i) {
    const int tag = i < kSmallCount ? 1 : 2;
    const int n = i < kSmallCount ? kSmallBytes : kLargeBytes;
    const double t0 = MPI_Wtime();
    MPI_Recv(g_buf, n, MPI_BYTE, 0, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE); g_recv.line = __LINE__;
    g_recv.seconds += MPI_Wtime() - t0;
    ++g_recv.count;
    g_recv.bytes += n;
  }
}

static void write_site(FILE *f, int rank, const char *call, const struct site *s, int last) {
  fprintf(f,
          "  {\"rank\": %d, \"call\": \"%s\", \"function\": \"%s\", \"file\": \"%s\", "
          "\"line\": %d, \"count\": %ld, \"bytes\": %ld, \"seconds\": %.9f}%s\n",
          rank, call, s->function, __FILE__, s->line, s->count, s->bytes, s->seconds,
          last ? "" : ",");
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, size = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (argc < 2 || size < 2) {
    if (rank == 0) fprintf(stderr, "usage: mpirun -n 2 callsites_app EXPECTED_FILE\n");
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
  g_buf = calloc(kLargeBytes, 1);
  if (rank == 0) {
    send_small();
    send_large();
  } else if (rank == 1) {
    receive_all();
  }
  MPI_Barrier(MPI_COMM_WORLD);
  /* Each rank appends its own lines; rank 0 writes the file's frame around them in turn. */
  for (int r = 0; r < size; ++r) {
    if (r == rank) {
      FILE *f = fopen(argv[1], rank == 0 ? "w" : "a");
      if (f == NULL) {
        perror(argv[1]);
        MPI_Abort(MPI_COMM_WORLD, 2);
      }
      if (rank == 0) {
        fprintf(f, "{\"sites\": [\n");
        write_site(f, 0, "MPI_Send", &g_small, 0);
        write_site(f, 0, "MPI_Send", &g_large, size == 1);
      } else if (rank == 1) {
        write_site(f, 1, "MPI_Recv", &g_recv, 1);
      }
      /* Besides the sites above, every rank makes 1 + size MPI_Barrier calls (Comm_rank and
       * Comm_size are not wrapped): the total of timed calls per rank, for the overflow test. */
      if (rank == size - 1) fprintf(f, "],\n\"barriers_per_rank\": %d}\n", 1 + size);
      fclose(f);
    }
    MPI_Barrier(MPI_COMM_WORLD);
  }
  free(g_buf);
  MPI_Finalize();
  return 0;
}
