// HPCG's matrix: the 27-point stencil on a 3D grid (26 on the diagonal, -1 for each of the up to
// 26 neighbours inside the global box; no boundary values, rows at the faces just have fewer
// entries), stored as CSR for the rank's block, and b = A * 1 so the exact solution is all ones.
#pragma once

#include <cstdint>
#include <vector>

#include "hpcpat/grid/cart_grid.hpp"

namespace hpcpat::cg {

struct CsrMatrix {
  long rows = 0;                     // owned grid points, in (i, j, k) order of the local block
  std::vector<long> row_start;       // rows + 1
  std::vector<std::int32_t> column;  // index into a vector stored in the ghosted Layout
  std::vector<double> value;
  long nnz() const { return static_cast<long>(value.size()); }
};

struct LocalProblem {
  CsrMatrix matrix;
  std::vector<double> b;  // in the ghosted Layout (ghosts 0)
};

// Assembles this rank's rows. Column indices are int32, as in HPCG's local matrix: the caller
// refuses blocks whose ghosted layout exceeds that (fits_int32_columns).
LocalProblem assemble_poisson27(const grid::CartGrid &grid, const grid::Layout &layout);
bool fits_int32_columns(const grid::Layout &layout);

// Smallest eigenvalue of the global matrix: A = 27 I - K (x) K (x) K with K = tridiag(1, 1, 1),
// whose eigenvalues are 1 + 2 cos(pi j / (N + 1)); bounds ||x - 1|| <= ||b - A x|| / lambda_min.
double smallest_eigenvalue(const grid::Index3 &global);

}  // namespace hpcpat::cg
