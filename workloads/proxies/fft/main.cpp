// fft: distributed 3D complex FFT (slab or pencil) with all-to-all transposes and FFTW's local
// transforms. See README.md for the decompositions, the knobs, the checks and the figures.
#include <mpi.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "hpcpat/workload/app_cli.hpp"
#include "hpcpat/workload/bounds.hpp"
#include "hpcpat/workload/memory_budget.hpp"
#include "hpcpat/workload/summary.hpp"
#include "hpcpat/fft/distributed_fft.hpp"
#include "fields.hpp"
#include "hpcpat/workload/summary_file.hpp"

namespace {

using hpcpat::fft::Complex;
using hpcpat::fft::Index3;

struct Options {
  std::int64_t n = 64, nx = 0, ny = 0, nz = 0;
  hpcpat::fft::Decomp decomp = hpcpat::fft::Decomp::kSlab;
  hpcpat::fft::Planner planner = hpcpat::fft::Planner::kEstimate;
  long iters = 10;
  std::uint64_t seed = 1;
  std::string summary_path;
};

double global_sum(double local) {
  MPI_Allreduce(MPI_IN_PLACE, &local, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  return local;
}
double global_max(double local) {
  MPI_Allreduce(MPI_IN_PLACE, &local, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  return local;
}

// Largest |X - N δ(k - k0)| / N over the spectrum of the plane wave k0.
double plane_wave_error(hpcpat::fft::DistributedFft &fft, const hpcpat::fft::Shape &shape,
                        const Index3 &k0) {
  Complex *d = fft.data();
  for_each_point(fft.input_layout(),
                 [&](const Index3 &g, std::int64_t o) { d[o] = plane_wave(shape, k0, g); });
  hpcpat::fft::PhaseTimers untimed;
  fft.forward(untimed);
  const double n = static_cast<double>(shape.points());
  double worst = 0;
  for_each_point(fft.spectral_layout(), [&](const Index3 &k, std::int64_t o) {
    const Complex expected = k == k0 ? Complex{n, 0} : Complex{};
    worst = std::max(worst, std::abs(d[o] - expected) / n);
  });
  return global_max(worst);
}

// The modes printed in the summary so that runs on different rank counts can be compared: the
// mean, a low mode, and modes near the Nyquist corners.
std::vector<Index3> checksum_modes(const hpcpat::fft::Shape &s) {
  return {{0, 0, 0},
          {1 % s.nx, 2 % s.ny, 3 % s.nz},
          {s.nx / 2, s.ny / 3, s.nz - 1},
          {s.nx - 1, s.ny - 1, s.nz / 2}};
}

nlohmann::json spectrum_checksum(const hpcpat::fft::DistributedFft &fft,
                                 const hpcpat::fft::Shape &shape, double *sum_sq_out) {
  const std::vector<Index3> modes = checksum_modes(shape);
  // [sum |X|, sum |X|^2, re/im of each mode (only its owner adds a non-zero)]
  std::vector<double> acc(2 + 2 * modes.size(), 0.0);
  const Complex *d = fft.data();
  for_each_point(fft.spectral_layout(), [&](const Index3 &k, std::int64_t o) {
    acc[0] += std::abs(d[o]);
    acc[1] += std::norm(d[o]);
    for (std::size_t m = 0; m < modes.size(); ++m) {
      if (k == modes[m]) {
        acc[2 + 2 * m] += d[o].real();
        acc[3 + 2 * m] += d[o].imag();
      }
    }
  });
  MPI_Allreduce(MPI_IN_PLACE, acc.data(), static_cast<int>(acc.size()), MPI_DOUBLE, MPI_SUM,
                MPI_COMM_WORLD);
  *sum_sq_out = acc[1];
  nlohmann::json out{{"sum_abs", acc[0]}, {"sum_sq", acc[1]}, {"modes", nlohmann::json::array()}};
  for (std::size_t m = 0; m < modes.size(); ++m) {
    out["modes"].push_back({{"k", modes[m]}, {"re", acc[2 + 2 * m]}, {"im", acc[3 + 2 * m]}});
  }
  return out;
}

// The checksum modes of the seeded field by the direct sum X(k) = Σ x(g) e^{-2πi k·g/N}, an
// O(N) computation per mode that shares nothing with the FFT path. Returns the largest
// |X_fft(k) - X_direct(k)| relative to the spectrum's rms magnitude sqrt(Σ|X|²/N).
double direct_dft_error(const hpcpat::fft::DistributedFft &fft, const hpcpat::fft::Shape &shape,
                        std::uint64_t seed, const nlohmann::json &spectrum) {
  const std::vector<Index3> modes = checksum_modes(shape);
  std::vector<double> acc(2 * modes.size(), 0.0);
  for_each_point(fft.input_layout(), [&](const Index3 &g, std::int64_t) {
    const Complex x = seeded_value(seed, shape, g);
    for (std::size_t m = 0; m < modes.size(); ++m) {
      const Complex term = x * std::conj(plane_wave(shape, modes[m], g));
      acc[2 * m] += term.real();
      acc[2 * m + 1] += term.imag();
    }
  });
  MPI_Allreduce(MPI_IN_PLACE, acc.data(), static_cast<int>(acc.size()), MPI_DOUBLE, MPI_SUM,
                MPI_COMM_WORLD);
  const double rms =
      std::sqrt(spectrum["sum_sq"].get<double>() / static_cast<double>(shape.points()));
  double worst = 0;
  for (std::size_t m = 0; m < modes.size(); ++m) {
    const nlohmann::json &mode = spectrum["modes"][m];
    const Complex fast{mode["re"].get<double>(), mode["im"].get<double>()};
    worst = std::max(worst, std::abs(fast - Complex{acc[2 * m], acc[2 * m + 1]}) / rms);
  }
  return worst;
}

void fill_seeded(hpcpat::fft::DistributedFft &fft, const hpcpat::fft::Shape &shape,
                 std::uint64_t seed) {
  Complex *d = fft.data();
  for_each_point(fft.input_layout(),
                 [&](const Index3 &g, std::int64_t o) { d[o] = seeded_value(seed, shape, g); });
}

// Largest |x - x0| over the grid, relative to the largest |x0|.
double round_trip_error(const hpcpat::fft::DistributedFft &fft, const hpcpat::fft::Shape &shape,
                        std::uint64_t seed) {
  double worst = 0, biggest = 0;
  const Complex *d = fft.data();
  for_each_point(fft.input_layout(), [&](const Index3 &g, std::int64_t o) {
    const Complex x0 = seeded_value(seed, shape, g);
    worst = std::max(worst, std::abs(d[o] - x0));
    biggest = std::max(biggest, std::abs(x0));
  });
  return global_max(worst) / global_max(biggest);
}

// Upper bound of the largest rank's bytes: the block that splits one axis over every rank (a
// pencil's is no larger), held once as data and twice (send and receive) by each transpose, forward
// and inverse, one transpose per move (slab 1, pencil 2).
hpcpat::app::Bytes bytes_per_rank(const hpcpat::fft::Shape &s, hpcpat::fft::Decomp decomp,
                                  int ranks) {
  const std::uint64_t n[3] = {static_cast<std::uint64_t>(s.nx), static_cast<std::uint64_t>(s.ny),
                              static_cast<std::uint64_t>(s.nz)};
  const auto r = static_cast<std::uint64_t>(ranks);
  std::uint64_t block = 0;
  for (int d = 0; d < 3; ++d) {
    const hpcpat::app::Bytes b = hpcpat::app::checked_product(
        {(n[d] + r - 1) / r, n[(d + 1) % 3], n[(d + 2) % 3]});
    if (!b) return std::nullopt;
    block = std::max(block, *b);
  }
  const std::uint64_t copies = decomp == hpcpat::fft::Decomp::kSlab ? 5 : 9;
  return hpcpat::app::checked_product({block, copies, sizeof(Complex)});
}

}  // namespace

int run(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  const std::string program = "fft";
  Options opt;
  CLI::App cli{"Distributed 3D complex FFT: FFTW local transforms, all-to-all transposes", program};
  // At most 10^6 per side, so that nx * ny * nz fits 64 bits; memory refuses far less.
  const CLI::Validator side = hpcpat::app::integer_in(1, 1000000);
  cli.add_option("--n", opt.n, "grid points per side (Nx = Ny = Nz = n)")
      ->capture_default_str()
      ->check(side);
  cli.add_option("--nx", opt.nx, "points along x (overrides --n)")->check(side);
  cli.add_option("--ny", opt.ny, "points along y (overrides --n)")->check(side);
  cli.add_option("--nz", opt.nz, "points along z (overrides --n)")->check(side);
  std::string decomp = "slab", plan = "estimate";
  cli.add_option("--decomp", decomp, "slab (1D, one transpose) or pencil (2D, two)")
      ->capture_default_str()
      ->check(CLI::IsMember({"slab", "pencil"}));
  cli.add_option("--plan", plan,
                 "FFTW planner: estimate (default: same plan every run, no planning time) or "
                 "measure (times candidate plans; faster transforms, plans may differ per run)")
      ->capture_default_str()
      ->check(CLI::IsMember({"estimate", "measure"}));
  cli.add_option("--iters", opt.iters, "timed forward+inverse pairs (the duration knob)")
      ->capture_default_str()
      ->check(hpcpat::app::at_least(1));
  cli.add_option("--seed", opt.seed, "seed of the input field")->capture_default_str();
  cli.add_option("--summary", opt.summary_path, "also write the JSON summary line to this file");
  hpcpat::app::parse_or_exit(cli, argc, argv);
  opt.decomp = decomp == "pencil" ? hpcpat::fft::Decomp::kPencil : hpcpat::fft::Decomp::kSlab;
  opt.planner =
      plan == "measure" ? hpcpat::fft::Planner::kMeasure : hpcpat::fft::Planner::kEstimate;

  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  const hpcpat::fft::Shape shape{opt.nx ? opt.nx : opt.n, opt.ny ? opt.ny : opt.n,
                                 opt.nz ? opt.nz : opt.n};
  const std::string grid_text = std::to_string(shape.nx) + "x" + std::to_string(shape.ny) + "x" +
                                std::to_string(shape.nz);
  hpcpat::app::refuse_if_too_big(
      program, "--n " + std::to_string(opt.n) + " (a " + grid_text + " grid)",
      bytes_per_rank(shape, opt.decomp, ranks));
  if (auto why = hpcpat::fft::why_not_decomposable(shape, opt.decomp, ranks))
    hpcpat::app::refuse(program, *why);
  hpcpat::app::check_summary_path(program, opt.summary_path);

  int status = 0;
  {
    hpcpat::fft::DistributedFft fft(MPI_COMM_WORLD, shape, opt.decomp, opt.planner);
    const double points = static_cast<double>(shape.points());
    const double log2n = std::max(1.0, std::log2(points));
    // FFT rounding error grows like eps·log2(N) (Cooley–Tukey); 1e-12·log2(N) is ~4500× that,
    // yet far below what a wrong twiddle, index or block (errors of order 1) would give.
    const double fft_tol = 1e-12 * log2n;
    const double parseval_tol = 1e-12;

    const Index3 k0{1 % shape.nx, 2 % shape.ny, 3 % shape.nz};
    const double wave_error = plane_wave_error(fft, shape, k0);

    // Untimed first pair: checks the spectrum of the seeded field and warms up MPI and caches.
    fill_seeded(fft, shape, opt.seed);
    double local_sq = 0;
    for_each_point(fft.input_layout(),
                   [&](const Index3 &, std::int64_t o) { local_sq += std::norm(fft.data()[o]); });
    const double input_sq = global_sum(local_sq);
    hpcpat::fft::PhaseTimers timers;
    fft.forward(timers);
    double spectrum_sq = 0;
    const nlohmann::json spectrum = spectrum_checksum(fft, shape, &spectrum_sq);
    const double parseval_error = std::abs(spectrum_sq / points - input_sq) / input_sq;
    fft.inverse(timers);
    const double direct_error = direct_dft_error(fft, shape, opt.seed, spectrum);

    timers.reset();
    MPI_Barrier(MPI_COMM_WORLD);
    const double t0 = MPI_Wtime();
    for (long it = 0; it < opt.iters; ++it) {
      fft.forward(timers);
      fft.inverse(timers);
    }
    MPI_Barrier(MPI_COMM_WORLD);
    const double seconds = MPI_Wtime() - t0;
    const double trip_error = round_trip_error(fft, shape, opt.seed);

    double phase[3] = {timers.local_fft_s, timers.pack_s, timers.transpose_s};
    MPI_Allreduce(MPI_IN_PLACE, phase, 3, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);

    hpcpat::app::Summary summary(program);
    const auto grid = hpcpat::fft::process_grid(opt.decomp, ranks);
    summary.param("ranks", ranks);
    summary.param("shape", std::vector<std::int64_t>{shape.nx, shape.ny, shape.nz});
    summary.param("decomp", opt.decomp == hpcpat::fft::Decomp::kSlab ? "slab" : "pencil");
    summary.param("process_grid", grid);
    summary.param("exchange", fft.exchange_kind());
    summary.param("plan", opt.planner == hpcpat::fft::Planner::kMeasure ? "measure" : "estimate");
    summary.param("iters", opt.iters);
    summary.param("seed", opt.seed);
    const double flops_per_transform = 5.0 * points * std::log2(points);
    summary.figure("seconds", seconds);
    summary.figure("seconds_per_pair", seconds / static_cast<double>(opt.iters));
    summary.figure("gflops",
                   2.0 * flops_per_transform * static_cast<double>(opt.iters) / seconds / 1e9);
    summary.figure("fft_local_s", phase[0]);
    summary.figure("pack_s", phase[1]);
    summary.figure("transpose_s", phase[2]);
    summary.figure("spectrum", spectrum);
    summary.check("plane_wave", wave_error <= fft_tol, wave_error, fft_tol);
    summary.check("direct_dft", direct_error <= fft_tol, direct_error, fft_tol);
    summary.check("parseval", parseval_error <= parseval_tol, parseval_error, parseval_tol);
    summary.check("round_trip", trip_error <= fft_tol, trip_error, fft_tol);
    status = summary.emit(rank, opt.summary_path);
  }
  MPI_Finalize();
  return status;
}

int main(int argc, char **argv) { return hpcpat::app::guarded_main("fft", run, argc, argv); }
