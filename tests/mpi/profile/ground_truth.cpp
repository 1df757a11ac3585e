// Ground truth for the MPI fraction: ranks compute (spin on the clock) and wait (in MPI_Barrier,
// and in MPI_Recv behind a slower sender) for known, rank-dependent times, and measure their own
// time inside MPI with MPI_Wtime around every call. Each rank writes its truth to
// <truth-prefix>.rank<N> ("mpi_s app_s" and the exact call counts) for check_ground_truth.py.
//
// usage: ground_truth TRUTH_PREFIX [PHASE_SECONDS]
#include <mpi.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

constexpr int kPhases = 4;
constexpr int kMessageBytes = 4096;  // log2 bin 13: [4096, 8191]

void spin(double seconds) {
  const double until = MPI_Wtime() + seconds;
  volatile double sink = 0;
  while (MPI_Wtime() < until) sink = sink + 1.0;
}

}  // namespace

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  const double start = MPI_Wtime();  // the profile's app window opens when MPI_Init returns
  if (argc < 2) {
    std::fprintf(stderr, "usage: ground_truth TRUTH_PREFIX [PHASE_SECONDS]\n");
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
  const double phase_s = argc > 2 ? std::atof(argv[2]) : 0.2;
  int rank = 0, size = 1;
  double mpi = 0;
  double t0 = MPI_Wtime();
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  mpi += MPI_Wtime() - t0;

  std::vector<char> buf(kMessageBytes, 'x');
  int sends = 0, recvs = 0;
  for (int p = 0; p < kPhases; ++p) {
    // Rank r computes (r+1)/size of a phase, then waits for the slowest in the barrier: wait
    // fractions 0.75, 0.5, 0.25, 0 of the phase with 4 ranks.
    spin(phase_s * (rank + 1) / size);
    t0 = MPI_Wtime();
    MPI_Barrier(MPI_COMM_WORLD);
    mpi += MPI_Wtime() - t0;
    // Pairs (even -> odd): the sender computes a little more, the receiver waits for it.
    const bool sender = rank % 2 == 0 && rank + 1 < size;
    const bool receiver = rank % 2 == 1;
    if (sender) spin(phase_s * 0.3);
    t0 = MPI_Wtime();
    if (sender) {
      MPI_Send(buf.data(), kMessageBytes, MPI_CHAR, rank + 1, p, MPI_COMM_WORLD);
      ++sends;
    } else if (receiver) {
      MPI_Recv(buf.data(), kMessageBytes, MPI_CHAR, rank - 1, p, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      ++recvs;
    }
    mpi += MPI_Wtime() - t0;
  }
  const double app = MPI_Wtime() - start;

  const std::string path = std::string(argv[1]) + ".rank" + std::to_string(rank);
  const std::string tmp = path + ".tmp";
  if (FILE *f = std::fopen(tmp.c_str(), "w")) {
    std::fprintf(f, "%.9f %.9f %d %d %d %d\n", mpi, app, kPhases, sends, recvs, kMessageBytes);
    std::fclose(f);
    std::rename(tmp.c_str(), path.c_str());
  } else {
    std::fprintf(stderr, "ground_truth: cannot write %s\n", tmp.c_str());
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  MPI_Finalize();
  return 0;
}
