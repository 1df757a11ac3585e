#include "cg_solver.hpp"

#include <mpi.h>

#include <algorithm>
#include <cmath>

#include "hpcpat/regions.h"
#include "vector_ops.hpp"

namespace hpcpat::cg {

namespace {

// A region and a timer for one scope.
class Phase {
 public:
  Phase(const char *name, double &total) : region_(name), total_(total), start_(MPI_Wtime()) {}
  ~Phase() { total_ += MPI_Wtime() - start_; }
  Phase(const Phase &) = delete;
  Phase &operator=(const Phase &) = delete;

 private:
  hpcpat::Region region_;
  double &total_;
  double start_;
};

}  // namespace

CgSolver::CgSolver(const grid::CartGrid &grid, const grid::Layout &layout,
                   const LocalProblem &problem)
    : grid_(grid),
      layout_(layout),
      problem_(problem),
      // 27 points need edges and corners: 3 phases of 2 faces carry them along.
      halo_(grid, layout, grid::HaloShape::phased),
      x_(layout.size(), 0.0),
      r_(layout.size(), 0.0),
      p_(layout.size(), 0.0),
      ap_(layout.size(), 0.0) {}

double CgSolver::global_dot(const double *a, const double *b) {
  const double local = local_dot(layout_, a, b);
  double global = 0;
  MPI_Allreduce(&local, &global, 1, MPI_DOUBLE, MPI_SUM, grid_.comm());
  return global;
}

CgResult CgSolver::solve(const CgOptions &options) {
  CgResult res;
  const double n = static_cast<double>(layout_.interior_points());
  const double nnz = static_cast<double>(problem_.matrix.nnz());
  std::fill(x_.begin(), x_.end(), 0.0);
  r_ = problem_.b;  // r0 = b - A 0
  p_ = r_;
  double rr = global_dot(r_.data(), r_.data());
  const double rr0 = rr;

  MPI_Barrier(grid_.comm());
  const double start = MPI_Wtime();
  for (long it = 1; it <= options.max_iterations; ++it) {
    {
      Phase phase("halo", res.halo_s);
      halo_.exchange(p_.data());
    }
    {
      Phase phase("spmv", res.spmv_s);
      spmv(problem_.matrix, layout_, p_.data(), ap_.data());
    }
    double pap;
    {
      Phase phase("dot", res.dot_s);
      pap = global_dot(p_.data(), ap_.data());
    }
    // p = 0 only once r is exactly 0; then there is nothing left to do but keep the count.
    const double alpha = pap > 0 ? rr / pap : 0.0;
    {
      Phase phase("axpy", res.axpy_s);
      axpy(layout_, alpha, p_.data(), x_.data());
      axpy(layout_, -alpha, ap_.data(), r_.data());
    }
    double rr_new;
    {
      Phase phase("dot", res.dot_s);
      rr_new = global_dot(r_.data(), r_.data());
    }
    res.flops += 2 * nnz + 2 * (2 * n) + 2 * (2 * n);
    res.iterations = it;
    res.relative_residual = rr0 > 0 ? std::sqrt(rr_new / rr0) : 0.0;
    if (!options.fixed_iterations && res.relative_residual <= options.tolerance) break;
    const double beta = rr > 0 ? rr_new / rr : 0.0;
    rr = rr_new;
    {
      Phase phase("axpy", res.axpy_s);
      xpby(layout_, r_.data(), beta, p_.data());
    }
    res.flops += 2 * n;
  }
  res.seconds = MPI_Wtime() - start;
  return res;
}

double CgSolver::true_residual_l2() {
  halo_.exchange(x_.data());
  spmv(problem_.matrix, layout_, x_.data(), ap_.data());
  xpby(layout_, problem_.b.data(), -1.0, ap_.data());  // ap <- b - A x
  return std::sqrt(global_dot(ap_.data(), ap_.data()));
}

double CgSolver::b_l2() {
  return std::sqrt(global_dot(problem_.b.data(), problem_.b.data()));
}

double CgSolver::error_l2() const {
  double local = 0;
  for (long i = 1; i <= layout_.local[0]; ++i)
    for (long j = 1; j <= layout_.local[1]; ++j)
      for (long k = 1; k <= layout_.local[2]; ++k) {
        const double e = x_[layout_.at(i, j, k)] - 1.0;
        local += e * e;
      }
  double global = 0;
  MPI_Allreduce(&local, &global, 1, MPI_DOUBLE, MPI_SUM, grid_.comm());
  return std::sqrt(global);
}

double CgSolver::error_max() const {
  double local = 0;
  for (long i = 1; i <= layout_.local[0]; ++i)
    for (long j = 1; j <= layout_.local[1]; ++j)
      for (long k = 1; k <= layout_.local[2]; ++k)
        local = std::max(local, std::abs(x_[layout_.at(i, j, k)] - 1.0));
  double global = 0;
  MPI_Allreduce(&local, &global, 1, MPI_DOUBLE, MPI_MAX, grid_.comm());
  return global;
}

}  // namespace hpcpat::cg
