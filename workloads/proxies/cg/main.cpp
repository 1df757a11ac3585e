// cg: HPCG-like conjugate gradient on the 27-point 3D Poisson matrix over a Cartesian
// communicator. See README.md for the matrix, the knobs, the checks and the flop count.
#include <mpi.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "cg_solver.hpp"
#include "hpcpat/workload/app_cli.hpp"
#include "hpcpat/workload/bounds.hpp"
#include "hpcpat/workload/memory_budget.hpp"
#include "hpcpat/workload/summary.hpp"
#include "hpcpat/workload/summary_file.hpp"
#include "hpcpat/grid/cart_grid.hpp"
#include "poisson27.hpp"

namespace {

// The largest rank's block: per row 27 matrix entries (8-byte value, 4-byte column) and a row
// start; five vectors (x, r, p, Ap, b) over the block with one ghost layer per side.
hpcpat::app::Bytes bytes_per_rank(const hpcpat::grid::Index3 &global,
                                  const std::array<int, 3> &dims) {
  hpcpat::app::Bytes rows = 1, ghosted = 1;
  for (int d = 0; d < 3; ++d) {
    const auto side = static_cast<std::uint64_t>((global[d] + dims[d] - 1) / dims[d]);
    rows = hpcpat::app::checked_product({rows, side});
    ghosted = hpcpat::app::checked_product({ghosted, side + 2});
  }
  const std::uint64_t per_row = 27 * (sizeof(double) + sizeof(std::int32_t)) + sizeof(long);
  return hpcpat::app::checked_sum({hpcpat::app::checked_product({rows, per_row}),
                                   hpcpat::app::checked_product({ghosted, 5 * sizeof(double)})});
}

int run(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  const std::string program = "cg";
  long nx = 16, ny = 16, nz = 16, global_n = 0, seed = 0;
  hpcpat::cg::CgOptions opt;
  CLI::App cli{"HPCG-like conjugate gradient on the 27-point Poisson matrix", program};
  auto *global_flag =
      cli.add_option("--global", global_n, "global points per side (strong scaling)")
          ->check(hpcpat::app::integer_in(1, 1000000000));
  for (auto [flag, value] :
       {std::pair{"--nx", &nx}, std::pair{"--ny", &ny}, std::pair{"--nz", &nz}})
    cli.add_option(flag, *value,
                   "local points per rank in this dimension (weak scaling, HPCG-style)")
        ->capture_default_str()
        ->check(hpcpat::app::integer_in(1, 1000000000))
        ->excludes(global_flag);
  cli.add_option("--iters", opt.max_iterations, "maximum iterations (the duration knob)")
      ->capture_default_str()
      ->check(hpcpat::app::integer_in(1, 1000000000));
  cli.add_flag("--fixed-iters", opt.fixed_iterations,
               "run exactly --iters iterations whether or not the tolerance is reached");
  cli.add_option("--tol", opt.tolerance, "stop when ||r||/||r0|| <= tol")
      ->capture_default_str()
      ->check(hpcpat::app::real_in(0, 1, false));
  cli.add_option("--seed", seed, "accepted for uniformity with the other apps; unused");
  std::string summary_path;
  cli.add_option("--summary", summary_path, "also write the JSON summary line to this file");
  hpcpat::app::parse_or_exit(cli, argc, argv);
  hpcpat::app::check_summary_path(program, summary_path);

  const auto [nranks, rank, dims] = hpcpat::grid::world_grid();
  hpcpat::grid::Index3 global = hpcpat::grid::weak_scaled({nx, ny, nz}, dims);
  if (global_n > 0) global = {global_n, global_n, global_n};
  if (auto why = hpcpat::grid::why_not_decomposable(global, dims, 2); !why.empty())
    hpcpat::app::refuse(program, why);
  const std::string size_flag =
      global_n > 0 ? "--global " + std::to_string(global_n)
                   : "--nx " + std::to_string(nx) + " --ny " + std::to_string(ny) + " --nz " +
                         std::to_string(nz);
  hpcpat::app::refuse_if_too_big(program, size_flag, bytes_per_rank(global, dims));

  int status = 0;
  {
    hpcpat::grid::CartGrid grid(MPI_COMM_WORLD, global, dims);
    const hpcpat::grid::Layout layout(grid.local());
    // Same decision on every rank: the largest block is the first one.
    if (!hpcpat::cg::fits_int32_columns(hpcpat::grid::Layout(
            {global[0] / dims[0] + 1, global[1] / dims[1] + 1, global[2] / dims[2] + 1})))
      hpcpat::app::refuse(program, "local block too large for 32-bit column indices");
    const auto problem = hpcpat::cg::assemble_poisson27(grid, layout);
    hpcpat::cg::CgSolver solver(grid, layout, problem);
    const auto result = solver.solve(opt);
    const double true_residual = solver.true_residual_l2();
    const double b_norm = solver.b_l2();
    const double error_l2 = solver.error_l2();
    const double error_max = solver.error_max();

    double local[2] = {result.flops, static_cast<double>(problem.matrix.nnz())}, sums[2];
    MPI_Reduce(local, sums, 2, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
    long halo_bytes = solver.halo_bytes_per_exchange(), total_halo_bytes = 0;
    MPI_Reduce(&halo_bytes, &total_halo_bytes, 1, MPI_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
    double times[5] = {result.seconds, result.spmv_s, result.halo_s, result.dot_s, result.axpy_s};
    double max_times[5];
    MPI_Reduce(times, max_times, 5, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);

    hpcpat::app::Summary summary(program);
    summary.param("ranks", nranks);
    summary.param("process_grid", dims);
    summary.param("global", global);
    summary.param("max_iters", opt.max_iterations);
    summary.param("fixed_iters", opt.fixed_iterations);
    summary.param("tol", opt.tolerance);
    summary.param("matrix", "CSR, 27-point, diagonal 26, off-diagonal -1");
    summary.param("halo", "3 phases x 2 faces (edges, corners carried), subarray datatypes");
    summary.param("flops_per_iteration", "2 nnz + 2 dots x 2n + 3 axpys x 2n");
    summary.param("nnz", sums[1]);
    summary.figure("iterations", result.iterations);
    summary.figure("relative_residual", result.relative_residual);
    summary.figure("true_relative_residual", true_residual / b_norm);
    summary.figure("error_l2", error_l2);
    summary.figure("error_max", error_max);
    summary.figure("seconds", max_times[0]);
    summary.figure("gflop_per_s", sums[0] / max_times[0] / 1e9);
    summary.figure("spmv_s", max_times[1]);
    summary.figure("halo_s", max_times[2]);
    summary.figure("dot_s", max_times[3]);
    summary.figure("axpy_s", max_times[4]);
    summary.figure("halo_bytes_per_exchange", total_halo_bytes);  // all ranks

    if (!opt.fixed_iterations)
      summary.check("converged", result.relative_residual <= opt.tolerance,
                    result.relative_residual, opt.tolerance);
    // The recursive residual must describe the iterate: ||b - A x|| / ||b|| within rounding
    // (once CG reaches rounding level the recursive one keeps shrinking, the true one cannot).
    const double true_rel = true_residual / b_norm;
    const double drift_tol = 2 * std::max(result.relative_residual, 1e-13);
    summary.check("true_residual", true_rel <= drift_tol, true_rel, drift_tol);
    // ||x - 1|| <= ||b - A x|| / lambda_min(A), with lambda_min in closed form (poisson27.hpp).
    const double bound = true_residual / hpcpat::cg::smallest_eigenvalue(global) * (1 + 1e-6);
    summary.check("error_bound", error_l2 <= bound, error_l2, bound);
    status = summary.emit(rank, summary_path);
  }
  MPI_Finalize();
  return status;
}

}  // namespace

int main(int argc, char **argv) { return hpcpat::app::guarded_main("cg", run, argc, argv); }
