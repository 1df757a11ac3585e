#include "jacobi_solver.hpp"

#include <mpi.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "hpcpat/regions.h"
#include "jacobi_kernel.hpp"

namespace hpcpat::stencil {

namespace {

// Adds the wall time of a scope to an accumulator.
class Stopwatch {
 public:
  explicit Stopwatch(double &total) : total_(total), start_(MPI_Wtime()) {}
  ~Stopwatch() { total_ += MPI_Wtime() - start_; }
  Stopwatch(const Stopwatch &) = delete;
  Stopwatch &operator=(const Stopwatch &) = delete;

 private:
  double &total_;
  double start_;
};

// The points whose stencil touches no ghost, and the shell around them (6 boxes that cover
// every other owned point exactly once; needs at least 2 points per dimension).
Box interior_box(const grid::Layout &l) {
  return {{2, 2, 2}, {l.local[0], l.local[1], l.local[2]}};
}

std::vector<Box> shell_boxes(const grid::Layout &l) {
  const long x = l.local[0], y = l.local[1], z = l.local[2];
  return {
      {{1, 1, 1}, {2, y + 1, z + 1}}, {{x, 1, 1}, {x + 1, y + 1, z + 1}},
      {{2, 1, 1}, {x, 2, z + 1}},     {{2, y, 1}, {x, y + 1, z + 1}},
      {{2, 2, 1}, {x, y, 2}},         {{2, 2, z}, {x, y, z + 1}},
  };
}

}  // namespace

JacobiSolver::JacobiSolver(const grid::CartGrid &grid, const ManufacturedPoisson &problem)
    : grid_(grid),
      problem_(problem),
      layout_(grid.local()),
      halo_(grid, layout_, grid::HaloShape::faces),
      weights_(problem.weights()),
      rhs_(layout_.size(), 0.0),
      u_(layout_.size(), 0.0),
      next_(layout_.size(), 0.0) {
  const auto &off = grid.offset();
  for (long i = 1; i <= layout_.local[0]; ++i)
    for (long j = 1; j <= layout_.local[1]; ++j)
      for (long k = 1; k <= layout_.local[2]; ++k)
        rhs_[layout_.at(i, j, k)] =
            problem.source(off[0] + i, off[1] + j, off[2] + k) / weights_.diag;
}

double JacobiSolver::sweep_all(bool residual, bool overlap, long tile, double &halo_s,
                               double &compute_s) {
  auto sweep = [&](const Box &box) {
    if (residual)
      return jacobi_sweep_residual(layout_, u_.data(), rhs_.data(), next_.data(), box, weights_,
                                   tile);
    jacobi_sweep(layout_, u_.data(), rhs_.data(), next_.data(), box, weights_, tile);
    return 0.0;
  };
  const Box all{{1, 1, 1}, {layout_.local[0] + 1, layout_.local[1] + 1, layout_.local[2] + 1}};
  double sum = 0;
  if (!overlap) {
    {
      hpcpat::Region region("halo");
      Stopwatch watch(halo_s);
      halo_.exchange(u_.data());
    }
    hpcpat::Region region("compute");
    Stopwatch watch(compute_s);
    return sweep(all);
  }
  {
    hpcpat::Region region("halo");
    Stopwatch watch(halo_s);
    halo_.start(u_.data());
  }
  {
    hpcpat::Region region("compute");
    Stopwatch watch(compute_s);
    sum += sweep(interior_box(layout_));
  }
  {
    hpcpat::Region region("halo");
    Stopwatch watch(halo_s);
    halo_.finish();
  }
  hpcpat::Region region("compute");
  Stopwatch watch(compute_s);
  for (const Box &box : shell_boxes(layout_)) sum += sweep(box);
  return sum;
}

SolverResult JacobiSolver::run(const SolverOptions &options) {
  SolverResult result;
  const long tile = options.tile_rows > 0 ? options.tile_rows : default_tile_rows(layout_);
  MPI_Barrier(grid_.comm());
  const double start = MPI_Wtime();
  for (long it = 0; it < options.iterations; ++it) {
    const bool residual = options.residual_every > 0 && (it + 1) % options.residual_every == 0;
    const double local =
        sweep_all(residual, options.overlap, tile, result.halo_s, result.compute_s);
    if (residual) {
      hpcpat::Region region("residual");
      Stopwatch watch(result.residual_s);
      double global = 0;
      MPI_Allreduce(&local, &global, 1, MPI_DOUBLE, MPI_SUM, grid_.comm());
      // out - u = (f - A u) / diag for the iterate u this sweep started from.
      result.residual_l2 = weights_.diag * std::sqrt(global);
      result.residual_iterate = it;
      ++result.residuals_taken;
    }
    std::swap(u_, next_);
  }
  result.seconds = MPI_Wtime() - start;
  return result;
}

double JacobiSolver::max_error() const {
  const auto &off = grid_.offset();
  double local = 0;
  for (long i = 1; i <= layout_.local[0]; ++i)
    for (long j = 1; j <= layout_.local[1]; ++j)
      for (long k = 1; k <= layout_.local[2]; ++k)
        local = std::max(local, std::abs(u_[layout_.at(i, j, k)] -
                                         problem_.exact(off[0] + i, off[1] + j, off[2] + k)));
  double global = 0;
  MPI_Allreduce(&local, &global, 1, MPI_DOUBLE, MPI_MAX, grid_.comm());
  return global;
}

}  // namespace hpcpat::stencil
