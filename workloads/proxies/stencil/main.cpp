// stencil: 3D 7-point Jacobi for -lap u = f on the unit cube, on a Cartesian communicator.
// See README.md for the problem, the knobs, the checks and how the figures are counted.
#include <mpi.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "hpcpat/workload/app_cli.hpp"
#include "hpcpat/workload/bounds.hpp"
#include "hpcpat/workload/memory_budget.hpp"
#include "hpcpat/workload/summary.hpp"
#include "hpcpat/workload/summary_file.hpp"
#include "hpcpat/grid/cart_grid.hpp"
#include "jacobi_solver.hpp"
#include "manufactured.hpp"

namespace {

// Bytes of memory traffic per grid update, counted as STREAM counts its triad: read u (each value
// once, neighbours reused from cache), read rhs, write u_next; write-allocate not counted.
constexpr double kBytesPerUpdate = 3 * sizeof(double);

struct Options {
  long n = 64;
  long local = 0;
  hpcpat::stencil::SolverOptions solver;
  long seed = 0;
};

// u, u_next and rhs, each over the largest rank's block with one ghost layer per side.
hpcpat::app::Bytes bytes_per_rank(const hpcpat::grid::Index3 &global,
                                  const std::array<int, 3> &dims) {
  hpcpat::app::Bytes points = 1;
  for (int d = 0; d < 3; ++d) {
    const auto side = static_cast<std::uint64_t>((global[d] + dims[d] - 1) / dims[d] + 2);
    points = hpcpat::app::checked_product({points, side});
  }
  return hpcpat::app::checked_product({points, 3 * sizeof(double)});
}

}  // namespace

int run(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  const std::string program = "stencil";
  Options opt;
  CLI::App cli{"3D 7-point Jacobi (Poisson, manufactured solution) on a Cartesian communicator",
               program};
  auto *n_flag =
      cli.add_option("--n", opt.n, "global interior grid points per side (strong scaling)")
          ->capture_default_str()
          ->check(hpcpat::app::integer_in(1, 1000000000));
  cli.add_option("--local", opt.local,
                 "interior points per rank and side (weak scaling; global = local x process grid)")
      ->check(hpcpat::app::integer_in(1, 1000000000))
      ->excludes(n_flag);
  cli.add_option("--iters", opt.solver.iterations, "Jacobi sweeps (the duration knob)")
      ->capture_default_str()
      ->check(hpcpat::app::integer_in(1, 1000000000));
  cli.add_option("--residual-every", opt.solver.residual_every,
                 "allreduce the residual norm every k sweeps (0: never)")
      ->capture_default_str()
      ->check(hpcpat::app::integer_in(0, 1000000000));
  cli.add_flag("--overlap", opt.solver.overlap,
               "post the halo exchange, sweep the interior, wait, sweep the boundary shell");
  cli.add_option("--tile", opt.solver.tile_rows, "j-rows per cache tile (0: automatic)")
      ->capture_default_str()
      ->check(hpcpat::app::integer_in(0, 1000000000));
  cli.add_option("--seed", opt.seed, "accepted for uniformity with the other apps; unused");
  std::string summary_path;
  cli.add_option("--summary", summary_path, "also write the JSON summary line to this file");
  hpcpat::app::parse_or_exit(cli, argc, argv);
  hpcpat::app::check_summary_path(program, summary_path);

  const auto [nranks, rank, dims] = hpcpat::grid::world_grid();
  hpcpat::grid::Index3 global{opt.n, opt.n, opt.n};
  if (opt.local > 0) global = hpcpat::grid::weak_scaled({opt.local, opt.local, opt.local}, dims);
  // Two points per rank and dimension: the overlap's interior/shell split needs them, and fewer
  // would make the run all halo.
  if (auto why = hpcpat::grid::why_not_decomposable(global, dims, 2); !why.empty())
    hpcpat::app::refuse(program, why);
  const std::string size_flag = opt.local > 0 ? "--local " + std::to_string(opt.local)
                                              : "--n " + std::to_string(opt.n);
  hpcpat::app::refuse_if_too_big(program, size_flag, bytes_per_rank(global, dims));

  int status = 0;
  {
    hpcpat::grid::CartGrid grid(MPI_COMM_WORLD, global, dims);
    hpcpat::stencil::ManufacturedPoisson problem(global);
    hpcpat::stencil::JacobiSolver solver(grid, problem);
    const auto result = solver.run(opt.solver);
    const double error = solver.max_error();

    double times[4] = {result.seconds, result.halo_s, result.compute_s, result.residual_s};
    double max_times[4];
    MPI_Reduce(times, max_times, 4, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
    long halo_bytes = solver.halo_bytes_per_exchange(), total_halo_bytes = 0;
    MPI_Reduce(&halo_bytes, &total_halo_bytes, 1, MPI_LONG, MPI_SUM, 0, MPI_COMM_WORLD);

    hpcpat::app::Summary summary(program);
    summary.param("ranks", nranks);
    summary.param("process_grid", dims);
    summary.param("global", global);
    summary.param("iters", opt.solver.iterations);
    summary.param("residual_every", opt.solver.residual_every);
    summary.param("overlap", opt.solver.overlap);
    summary.param("halo", "nonblocking Isend/Irecv, MPI subarray datatypes, 6 faces");
    summary.param("bytes_per_update", kBytesPerUpdate);

    const double updates =
        static_cast<double>(grid.global_points()) * static_cast<double>(opt.solver.iterations);
    const double seconds = max_times[0];
    summary.figure("seconds", seconds);
    summary.figure("updates_per_s", updates / seconds);
    summary.figure("effective_gb_per_s", updates * kBytesPerUpdate / seconds / 1e9);
    // The sweeps alone (slowest rank's compute time): separates kernel bandwidth from halo waits.
    summary.figure("sweep_gb_per_s", updates * kBytesPerUpdate / max_times[2] / 1e9);
    summary.figure("halo_s", max_times[1]);
    summary.figure("compute_s", max_times[2]);
    summary.figure("residual_s", max_times[3]);
    summary.figure("halo_bytes_per_sweep", total_halo_bytes);
    summary.figure("max_error", error);
    summary.figure("predicted_max_error", problem.predicted_max_error(opt.solver.iterations));
    if (result.residuals_taken > 0) {
      summary.figure("residual_l2", result.residual_l2);
      summary.figure("residual_iterate", result.residual_iterate);
    }

    // The error of the computed iterate against the closed form (manufactured.hpp). Rounding
    // accumulates to a few ulps of u per sweep that Jacobi then damps: 1e-9 relative is ample
    // and orders of magnitude below any wrong weight, sign or halo.
    const double predicted = problem.predicted_max_error(opt.solver.iterations);
    const double error_tol = 1e-9 * predicted + 1e-12;
    summary.check("error_vs_theory", std::abs(error - predicted) <= error_tol,
                  std::abs(error - predicted), error_tol);
    if (result.residuals_taken > 0) {
      // Residual = diag (u_next - u): rounding of u (~eps |u|) is amplified by diag.
      const double expected = problem.predicted_residual_l2(result.residual_iterate);
      const double eps = std::numeric_limits<double>::epsilon();
      const double res_tol =
          1e-9 * expected + 64 * eps * problem.weights().diag * problem.solution_l2();
      summary.check("residual_vs_theory", std::abs(result.residual_l2 - expected) <= res_tol,
                    std::abs(result.residual_l2 - expected), res_tol);
    }
    status = summary.emit(rank, summary_path);
  }
  MPI_Finalize();
  return status;
}

int main(int argc, char **argv) { return hpcpat::app::guarded_main("stencil", run, argc, argv); }
