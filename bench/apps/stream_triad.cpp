// STREAM triad (a = b + s c) on every rank at once: the memory-bandwidth baseline the stencil's
// effective bandwidth is compared against (bench/apps/stencil_vs_stream.py). Counted as STREAM
// counts it: 3 x 8 bytes per element (two reads, one write; write-allocate not counted).
// Prints one JSON line: aggregate GB/s over the ranks, best of --repeats.
#include <mpi.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "hpcpat/workload/app_cli.hpp"
#include "hpcpat/workload/summary.hpp"

namespace {

// Kept out of line so the compiler cannot fold repetitions together.
[[gnu::noinline]] void triad(double *__restrict a, const double *__restrict b,
                             const double *__restrict c, double scalar, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + scalar * c[i];
}

}  // namespace

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  long mib = 128;
  int repeats = 10;
  CLI::App cli{"STREAM triad on every rank; aggregate bandwidth, best of N", "stream_triad"};
  cli.add_option("--mib", mib, "MiB per array per rank (3 arrays; keep >> last-level cache)")
      ->check(CLI::Range(1L, 1L << 16));
  cli.add_option("--repeats", repeats, "timed repetitions; the best one is reported")
      ->check(CLI::Range(1, 1000));
  hpcpat::app::parse_or_exit(cli, argc, argv);

  int rank = 0, nranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &nranks);
  const std::size_t n = static_cast<std::size_t>(mib) * (1 << 20) / sizeof(double);
  // Touched here, by the rank that uses them, so pages are faulted in before timing.
  std::vector<double> a(n, 1.0), b(n, 2.0), c(n, 0.5);
  const double scalar = 3.0;

  triad(a.data(), b.data(), c.data(), scalar, n);  // warm-up
  double best = std::numeric_limits<double>::max();
  for (int r = 0; r < repeats; ++r) {
    MPI_Barrier(MPI_COMM_WORLD);
    const double start = MPI_Wtime();
    triad(a.data(), b.data(), c.data(), scalar, n);
    double mine = MPI_Wtime() - start, slowest = 0;
    MPI_Allreduce(&mine, &slowest, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    best = std::min(best, slowest);
  }

  // Every element must be b + s c = 2 + 3 * 0.5 = 3.5 exactly.
  double worst = 0;
  for (std::size_t i = 0; i < n; ++i) worst = std::max(worst, std::abs(a[i] - 3.5));
  double global_worst = 0;
  MPI_Allreduce(&worst, &global_worst, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);

  hpcpat::app::Summary summary("stream_triad");
  summary.param("ranks", nranks);
  summary.param("mib_per_array_per_rank", mib);
  summary.param("repeats", repeats);
  summary.param("bytes_per_element", 3 * sizeof(double));
  const double bytes = 3.0 * sizeof(double) * static_cast<double>(n) * nranks;
  summary.figure("best_seconds", best);
  summary.figure("triad_gb_per_s", bytes / best / 1e9);
  summary.check("triad_values", global_worst == 0, global_worst, 0);
  const int status = summary.emit(rank);
  MPI_Finalize();
  return status;
}
