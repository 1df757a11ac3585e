// The Jacobi iteration loop: halo exchange (optionally overlapped with the interior sweep),
// sweep, and every k iterations the residual allreduce — each phase a region and a timer.
#pragma once

#include <vector>

#include "hpcpat/grid/cart_grid.hpp"
#include "hpcpat/grid/halo_exchange.hpp"
#include "manufactured.hpp"

namespace hpcpat::stencil {

struct SolverOptions {
  long iterations = 100;
  long residual_every = 10;  // 0: never
  bool overlap = false;
  long tile_rows = 0;  // 0: default_tile_rows()
};

struct SolverResult {
  double seconds = 0;  // this rank's wall time of the loop
  double halo_s = 0, compute_s = 0, residual_s = 0;
  long residual_iterate = -1;  // which iterate the last residual belongs to (-1: none taken)
  double residual_l2 = 0;      // ||f - A u_iterate||_2 over the global grid
  long residuals_taken = 0;
};

class JacobiSolver {
 public:
  JacobiSolver(const grid::CartGrid &grid, const ManufacturedPoisson &problem);

  SolverResult run(const SolverOptions &options);
  // max |u - exact| over the global grid (MPI_MAX: exact, hence decomposition-independent).
  double max_error() const;
  long halo_bytes_per_exchange() const { return halo_.bytes_sent(); }
  long halo_messages_per_exchange() const { return halo_.messages_sent(); }

 private:
  double sweep_all(bool residual, bool overlap, long tile, double &halo_s, double &compute_s);

  const grid::CartGrid &grid_;
  const ManufacturedPoisson &problem_;
  grid::Layout layout_;
  grid::HaloExchange halo_;
  JacobiWeights weights_;
  std::vector<double> rhs_, u_, next_;
};

}  // namespace hpcpat::stencil
