// The fft app's transform on one rank against FFTW's own 3D plan of the same grid, in the same
// run: the ratio is what our staged pipeline (2D + 1D plans, pack, self all-to-all, unpack) costs
// over FFTW's best single-process transform. Both use FFTW_ESTIMATE, in place, forward+inverse
// per iteration; the counter `gflops` uses the 5·N·log2(N) convention per transform.
//
//   build/bench/apps/fft_vs_fftw3d --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <fftw3.h>
#include <mpi.h>

#include <cmath>
#include <complex>
#include <vector>

#include "hpcpat/fft/distributed_fft.hpp"

namespace {

void set_counters(benchmark::State &state, double points) {
  const double flops = 2.0 * 5.0 * points * std::log2(points);
  state.counters["gflops"] =
      benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["points"] = points;
}

void BM_fftw_3d(benchmark::State &state) {
  const int n = static_cast<int>(state.range(0));
  const std::size_t points = static_cast<std::size_t>(n) * n * n;
  auto *data = fftw_alloc_complex(points);
  fftw_plan fwd = fftw_plan_dft_3d(n, n, n, data, data, FFTW_FORWARD, FFTW_ESTIMATE);
  fftw_plan inv = fftw_plan_dft_3d(n, n, n, data, data, FFTW_BACKWARD, FFTW_ESTIMATE);
  for (std::size_t i = 0; i < points; ++i) {
    data[i][0] = std::sin(0.1 * static_cast<double>(i));
    data[i][1] = 0;
  }
  const double scale = 1.0 / static_cast<double>(points);
  for (auto _ : state) {
    fftw_execute(fwd);
    fftw_execute(inv);
    for (std::size_t i = 0; i < points; ++i) {  // the app's inverse scales too
      data[i][0] *= scale;
      data[i][1] *= scale;
    }
    benchmark::DoNotOptimize(data);
  }
  set_counters(state, static_cast<double>(points));
  fftw_destroy_plan(fwd);
  fftw_destroy_plan(inv);
  fftw_free(data);
}

void BM_hpcpat_slab_1rank(benchmark::State &state) {
  const std::int64_t n = state.range(0);
  const hpcpat::fft::Shape shape{n, n, n};
  hpcpat::fft::DistributedFft fft(MPI_COMM_SELF, shape, hpcpat::fft::Decomp::kSlab,
                                  hpcpat::fft::Planner::kEstimate);
  std::complex<double> *d = fft.data();
  for (std::int64_t i = 0; i < shape.points(); ++i)
    d[i] = {std::sin(0.1 * static_cast<double>(i)), 0};
  hpcpat::fft::PhaseTimers timers;
  for (auto _ : state) {
    fft.forward(timers);
    fft.inverse(timers);
    benchmark::DoNotOptimize(d);
  }
  set_counters(state, static_cast<double>(shape.points()));
  const double iters = static_cast<double>(state.iterations());
  state.counters["pack_share"] =
      timers.pack_s / (timers.pack_s + timers.transpose_s + timers.local_fft_s);
  state.counters["local_s_per_pair"] = timers.local_fft_s / iters;
}

BENCHMARK(BM_fftw_3d)->Arg(32)->Arg(64)->Arg(128)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_hpcpat_slab_1rank)->Arg(32)->Arg(64)->Arg(128)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  MPI_Finalize();
  return 0;
}
