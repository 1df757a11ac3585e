// The CG vector kernels over the owned points of vectors stored in a grid::Layout (the ghosted
// layout the halo exchange and the SpMV columns use), walking contiguous k-rows.
#pragma once

#include "hpcpat/grid/cart_grid.hpp"
#include "poisson27.hpp"

namespace hpcpat::cg {

// y = A x on the owned points (x's ghosts must be current).
void spmv(const CsrMatrix &a, const grid::Layout &layout, const double *x, double *y);
// sum over owned points of x * y (this rank's part; the caller allreduces).
double local_dot(const grid::Layout &layout, const double *x, const double *y);
// y += alpha x
void axpy(const grid::Layout &layout, double alpha, const double *x, double *y);
// y = x + beta y
void xpby(const grid::Layout &layout, const double *x, double beta, double *y);

}  // namespace hpcpat::cg
