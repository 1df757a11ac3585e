// Unpreconditioned conjugate gradient on the distributed 27-point matrix: per iteration one halo
// exchange + SpMV, two allreduced dot products, three vector updates — HPCG's CG without its
// multigrid preconditioner.
#pragma once

#include <vector>

#include "hpcpat/grid/cart_grid.hpp"
#include "hpcpat/grid/halo_exchange.hpp"
#include "poisson27.hpp"

namespace hpcpat::cg {

struct CgOptions {
  long max_iterations = 500;
  bool fixed_iterations = false;  // run exactly max_iterations, converged or not
  double tolerance = 1e-8;        // on ||r|| / ||r0||
};

struct CgResult {
  long iterations = 0;
  double relative_residual = 1;  // recursive ||r|| / ||r0|| at the end
  double flops = 0;              // this rank's floating-point operations in the loop
  double seconds = 0;
  double spmv_s = 0, halo_s = 0, dot_s = 0, axpy_s = 0;
};

class CgSolver {
 public:
  CgSolver(const grid::CartGrid &grid, const grid::Layout &layout, const LocalProblem &problem);

  CgResult solve(const CgOptions &options);
  // ||b - A x||_2 recomputed from x (not the recursive residual), and ||b||_2.
  double true_residual_l2();
  double b_l2();
  double error_l2() const;   // ||x - 1||_2
  double error_max() const;  // max |x - 1| (exact reduction)
  long halo_bytes_per_exchange() const { return halo_.bytes_sent(); }

 private:
  double global_dot(const double *a, const double *b);

  const grid::CartGrid &grid_;
  const grid::Layout &layout_;
  const LocalProblem &problem_;
  grid::HaloExchange halo_;
  std::vector<double> x_, r_, p_, ap_;
};

}  // namespace hpcpat::cg
