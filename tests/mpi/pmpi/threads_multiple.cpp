// Four threads per rank calling MPI concurrently under MPI_THREAD_MULTIPLE. Each thread has its
// own tables in the interposer; the profile must hold the exact per-call counts, bytes and
// partners summed over threads. Each thread uses its own duplicate of MPI_COMM_WORLD (concurrent
// collectives on one communicator are not allowed), made by the main thread.
// Usage: threads_multiple EXPECTED_PREFIX [ITERATIONS]   (2 or more ranks)
#include <mpi.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "expectation.hpp"

namespace {

constexpr int kThreads = 4;
hpcpat::test::Expectation E;  // thread-safe

void work(int t, MPI_Comm comm, int rank, int size, int iterations) {
  const int right = (rank + 1) % size, left = (rank + size - 1) % size;
  std::vector<int> out(64 * kThreads * 8, t), in(out.size());
  for (int it = 0; it < iterations; ++it) {
    const int n = (t + 1) * (it % 8 + 1);  // the left neighbour's thread t sends the same n
    MPI_Request q[2];
    MPI_Irecv(in.data(), n, MPI_INT, left, t, comm, &q[0]);
    MPI_Isend(out.data(), n, MPI_INT, right, t, comm, &q[1]);
    MPI_Waitall(2, q, MPI_STATUSES_IGNORE);
    const std::uint64_t bytes = static_cast<std::uint64_t>(n) * sizeof(int);
    E.call("MPI_Irecv"), E.call("MPI_Isend", bytes), E.sent(right, bytes);
    E.call("MPI_Waitall", bytes);

    double x = t, sum = 0;
    MPI_Allreduce(&x, &sum, 1, MPI_DOUBLE, MPI_SUM, comm);
    E.call("MPI_Allreduce", sizeof(double));

    if (it % 5 == 0) {  // blocking pair, even ranks send first
      if (rank % 2 == 0) {
        MPI_Send(out.data(), t + 1, MPI_INT, right, 100 + t, comm);
        MPI_Recv(in.data(), t + 1, MPI_INT, left, 100 + t, comm, MPI_STATUS_IGNORE);
      } else {
        MPI_Recv(in.data(), t + 1, MPI_INT, left, 100 + t, comm, MPI_STATUS_IGNORE);
        MPI_Send(out.data(), t + 1, MPI_INT, right, 100 + t, comm);
      }
      const std::uint64_t b = (t + 1) * sizeof(int);
      E.call("MPI_Send", b), E.sent(right, b), E.call("MPI_Recv", b);
    }
  }
}

}  // namespace

int main(int argc, char **argv) {
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_MULTIPLE, &provided);
  E.call("MPI_Init_thread");
  int rank = 0, size = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (argc < 2 || size < 2 || provided < MPI_THREAD_MULTIPLE) {
    if (rank == 0) {
      std::fprintf(stderr,
                   "threads_multiple: needs EXPECTED_PREFIX, >= 2 ranks and "
                   "MPI_THREAD_MULTIPLE (provided %d)\n",
                   provided);
    }
    MPI_Finalize();
    return 2;
  }
  const int iterations = argc > 2 ? std::atoi(argv[2]) : 60;
  MPI_Comm comms[kThreads];
  for (MPI_Comm &c : comms) {
    MPI_Comm_dup(MPI_COMM_WORLD, &c);
    E.call("MPI_Comm_dup");
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back(work, t, comms[t], rank, size, iterations);
  }
  for (std::thread &th : threads) th.join();
  for (MPI_Comm &c : comms) {
    MPI_Comm_free(&c);
    E.call("MPI_Comm_free");
  }
  E.call("MPI_Finalize");
  E.write(argv[1], rank);
  MPI_Finalize();
  return 0;
}
