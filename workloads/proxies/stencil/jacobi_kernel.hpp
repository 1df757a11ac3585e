// One Jacobi sweep of the 7-point stencil over a box of the local block.
#pragma once

#include "hpcpat/grid/cart_grid.hpp"
#include "manufactured.hpp"

namespace hpcpat::stencil {

// Half-open ranges of ghosted local indices, [lo, hi) per dimension.
struct Box {
  long lo[3];
  long hi[3];
};

// out = rhs + sum_d w[d] (u[-e_d] + u[+e_d]) on `box`. Rows of j are walked in tiles of
// `tile_rows` so that the three i-planes of a tile stay in cache (each u value is then read from
// memory once, not three times). Every point is computed with the same expression in the same
// order whatever the box or the tiling, so results are bitwise independent of the decomposition.
void jacobi_sweep(const grid::Layout &layout, const double *u, const double *rhs, double *out,
                  const Box &box, const JacobiWeights &w, long tile_rows);

// The same sweep, also returning sum (out - u)^2 over the box: for Jacobi, out - u is the
// residual of u scaled by 1/diag, so the residual costs no extra pass over memory.
double jacobi_sweep_residual(const grid::Layout &layout, const double *u, const double *rhs,
                             double *out, const Box &box, const JacobiWeights &w, long tile_rows);

// A tile height that keeps 3 planes of a tile of u within ~256 KiB (half a Zen L2).
long default_tile_rows(const grid::Layout &layout);

}  // namespace hpcpat::stencil
