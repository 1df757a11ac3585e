// The manufactured Poisson problem the stencil solves, and what theory says Jacobi must produce.
//
// -lap u = f on the unit cube, u = 0 on the boundary, exact u = sin(pi x) sin(pi y) sin(pi z),
// f = 3 pi^2 u, on n[d] interior points per dimension (h[d] = 1/(n[d]+1), so --local weak
// scaling may give a box of different spacings). The grid restriction s of sin·sin·sin is an
// eigenvector of the 7-point Laplacian A (eigenvalue lambda_h) and of the Jacobi iteration
// matrix (eigenvalue rho), so starting from u0 = 0:
//   u_K = (1 - rho^K) c s with c = 3 pi^2 / lambda_h,   r_K = f - A u_K = rho^K f.
// Hence the max-norm error after K sweeps and the residual of every iterate are known in closed
// form, and the app checks its numbers against them (to rounding).
#pragma once

#include <vector>

#include "hpcpat/grid/cart_grid.hpp"

namespace hpcpat::stencil {

// u_new = rhs + sum_d w[d] (u[-e_d] + u[+e_d]),  rhs = f / diag,  diag = sum_d 2 / h[d]^2.
struct JacobiWeights {
  double w[3];
  double diag;
};

class ManufacturedPoisson {
 public:
  explicit ManufacturedPoisson(const grid::Index3 &global_points);

  JacobiWeights weights() const;
  // sin(pi * g * h[d]) for the global interior index g in 1..n[d] (0 and n+1 give the boundary).
  double sine(int dim, long g) const;
  double exact(long gi, long gj, long gk) const { return sine(0, gi) * sine(1, gj) * sine(2, gk); }
  double source(long gi, long gj, long gk) const;

  double spectral_radius() const { return rho_; }    // of the Jacobi iteration
  double discrete_over_exact() const { return c_; }  // u_h* = c s
  double predicted_max_error(long sweeps) const;     // max |u_K - s| over the grid
  double predicted_residual_l2(long iterate) const;  // ||f - A u_iterate||_2
  double solution_l2() const;                        // ||u_h*||_2, scale for rounding

 private:
  double rho_pow(long k) const;

  grid::Index3 n_;
  double h_[3];
  std::vector<double> sines_[3];
  double lambda_h_ = 0;
  double diag_ = 0;
  double rho_ = 0;
  double c_ = 0;
  double max_s_ = 1;   // max over the grid of s
  double sum_s2_ = 1;  // sum over the grid of s^2
};

}  // namespace hpcpat::stencil
