// Added cost per intercepted MPI call, in ns, measured against a baseline in the same run:
//   MPI_Send(count 0 | 1 int, MPI_PROC_NULL) through libhpcpat-pmpi's wrapper  vs  PMPI_Send,
// beside the cost of two reads of the timer the wrapper uses (and of rdtsc / clock_gettime
// pairs). Each figure is the minimum over REPS interleaved repetitions of N calls (the least
// disturbed estimate on a shared machine). A message to self (MPI_Isend + MPI_Recv + MPI_Wait,
// N/10 times) adds the paths a PROC_NULL send skips: the peer table and request completion.
// Also prints the interposer's memory per rank.
//
//   HPCPAT_OUTPUT=/tmp/bench-profile.json mpirun -n 1 build/bench/pmpi/pmpi_overhead [N] [REPS]
// HPCPAT_TIMER=tsc|clock_gettime picks the clock for the library and this program alike
// (overhead_ab.py --timers compares them, interleaved).
#include <mpi.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>

#include "config.hpp"
#include "requests.hpp"
#include "tables.hpp"
#include "thread_state.hpp"
#include "timer.hpp"

namespace {

using hpcpat::pmpi::monotonic_ns;
volatile std::uint64_t g_sink = 0;

double ns_per_iteration(long n, const std::function<void()> &body) {
  const std::uint64_t a = monotonic_ns();
  for (long i = 0; i < n; ++i) body();
  return static_cast<double>(monotonic_ns() - a) / static_cast<double>(n);
}

}  // namespace

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  const long n = argc > 1 ? std::atol(argv[1]) : 200000;
  const int reps = argc > 2 ? std::atoi(argv[2]) : 31;
  if (n <= 0 || reps <= 0) {
    std::fprintf(stderr, "usage: pmpi_overhead [N > 0] [REPS > 0]\n");
    MPI_Finalize();
    return 2;
  }
  // The same choice the library made at MPI_Init (HPCPAT_TIMER, else auto).
  hpcpat::pmpi::timer_init(hpcpat::pmpi::config().timer);
  int one = 1, got = 0, self = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &self);
  struct Case {
    const char *name;
    std::function<void()> body;
    long divisor = 1;  // runs n / divisor iterations
    double best = std::numeric_limits<double>::max();
  } cases[] = {
      {"MPI_Send(0, PROC_NULL) wrapped",
       [] { MPI_Send(nullptr, 0, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD); }},
      {"PMPI_Send(0, PROC_NULL)",
       [] { PMPI_Send(nullptr, 0, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD); }},
      {"MPI_Send(1 int, PROC_NULL) wrapped",
       [&] { MPI_Send(&one, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD); }},
      {"PMPI_Send(1 int, PROC_NULL)",
       [&] { PMPI_Send(&one, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD); }},
      {"two hpcpat now() reads",
       [] {
         const auto a = hpcpat::pmpi::now();
         g_sink = g_sink + (hpcpat::pmpi::now() - a);
       }},
#ifdef HPCPAT_HAVE_RDTSC
      {"two rdtsc reads",
       [] {
         const auto a = __rdtsc();
         g_sink = g_sink + (__rdtsc() - a);
       }},
#endif
      {"two clock_gettime reads",
       [] {
         const auto a = monotonic_ns();
         g_sink = g_sink + (monotonic_ns() - a);
       }},
      {"Isend+Recv+Wait to self wrapped",
       [&] {
         MPI_Request r;
         MPI_Isend(&one, 1, MPI_INT, self, 0, MPI_COMM_WORLD, &r);
         MPI_Recv(&got, 1, MPI_INT, self, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
         MPI_Wait(&r, MPI_STATUS_IGNORE);
       },
       10},
      {"PMPI_Isend+Recv+Wait to self",
       [&] {
         MPI_Request r;
         PMPI_Isend(&one, 1, MPI_INT, self, 0, MPI_COMM_WORLD, &r);
         PMPI_Recv(&got, 1, MPI_INT, self, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
         PMPI_Wait(&r, MPI_STATUS_IGNORE);
       },
       10},
  };
  constexpr int kCases = sizeof cases / sizeof cases[0];
  for (int r = 0; r < reps; ++r) {
    for (Case &c : cases) c.best = std::min(c.best, ns_per_iteration(n / c.divisor, c.body));
  }
  const double added0 = cases[0].best - cases[1].best, added1 = cases[2].best - cases[3].best;
  const double added_self = cases[kCases - 2].best - cases[kCases - 1].best;
  const double reads = cases[4].best;

  using namespace hpcpat::pmpi;
  const std::size_t cap = config().matrix_cap;
  std::size_t slots = 16;
  while (slots < 2 * cap) slots *= 2;
  const std::size_t tables = sizeof(ThreadTables), peers = slots * sizeof(PeerCell);
  const std::size_t state = sizeof(ThreadState),
                    requests = RequestSet::kSlots * sizeof(TrackedRequest);
  const std::size_t per_thread = tables + peers + state + requests;

  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  if (rank == 0) {
    std::printf("timer: %s (HPCPAT_TIMER=%s), N=%ld, best of %d\n", timer_source(),
                timer_requested(), n, reps);
    for (const Case &c : cases) std::printf("  %-36s %8.2f ns\n", c.name, c.best);
    std::printf("added per call (count 0): %6.2f ns = %.2f x two timer reads (goal <= 1.5)\n",
                added0, added0 / reads);
    std::printf("added per call (1 int):   %6.2f ns = %.2f x two timer reads\n", added1,
                added1 / reads);
    std::printf("added per Isend+Recv+Wait to self (3 calls): %6.2f ns\n", added_self);
    std::printf(
        "memory per thread: ThreadTables %zu B (%d calls) + peer table %zu B (cap %zu) + "
        "state %zu B + request set %zu B = %.2f MiB (goal <= 8 MiB per rank)\n",
        tables, kNumCalls, peers, cap, state, requests,
        static_cast<double>(per_thread) / (1024.0 * 1024.0));
    std::printf(
        "{\"added_ns\": %.2f, \"added_ns_1int\": %.2f, \"two_reads_ns\": %.2f, "
        "\"ratio\": %.3f, \"added_ns_self_message\": %.2f, \"bytes_per_thread\": %zu}\n",
        added0, added1, reads, added0 / reads, added_self, per_thread);
  }
  MPI_Finalize();
  return 0;
}
