#include "jacobi_kernel.hpp"

#include <algorithm>

namespace hpcpat::stencil {

namespace {

// One contiguous k-row. restrict tells GCC the output does not alias the inputs, so it
// vectorises the loop (-O3); without -ffast-math the sum order is the written one.
// The AVX2 clone (chosen at load time where the CPU has it) doubles the vector width; FMA is
// left out so every machine rounds the same way as the baseline clone.
template <bool Residual>
[[gnu::target_clones("avx2", "default")]] double row(
    double *__restrict out, const double *__restrict c, const double *__restrict xm,
    const double *__restrict xp, const double *__restrict ym, const double *__restrict yp,
    const double *__restrict rhs, long k0, long k1, double wx, double wy, double wz) {
  double sum = 0;
  for (long k = k0; k < k1; ++k) {
    const double v =
        rhs[k] + wx * (xm[k] + xp[k]) + wy * (ym[k] + yp[k]) + wz * (c[k - 1] + c[k + 1]);
    out[k] = v;
    if constexpr (Residual) {
      const double d = v - c[k];
      sum += d * d;
    }
  }
  return sum;
}

template <bool Residual>
double sweep(const grid::Layout &layout, const double *u, const double *rhs, double *out,
             const Box &box, const JacobiWeights &w, long tile_rows) {
  const long sx = layout.ghosted[1] * layout.ghosted[2];
  const long sy = layout.ghosted[2];
  const long tile = std::max(1L, tile_rows);
  double sum = 0;
  for (long j0 = box.lo[1]; j0 < box.hi[1]; j0 += tile) {
    const long j1 = std::min(j0 + tile, box.hi[1]);
    for (long i = box.lo[0]; i < box.hi[0]; ++i) {
      for (long j = j0; j < j1; ++j) {
        const std::size_t at = layout.at(i, j, 0);
        const double *c = u + at;
        sum += row<Residual>(out + at, c, c - sx, c + sx, c - sy, c + sy, rhs + at, box.lo[2],
                             box.hi[2], w.w[0], w.w[1], w.w[2]);
      }
    }
  }
  return sum;
}

}  // namespace

void jacobi_sweep(const grid::Layout &layout, const double *u, const double *rhs, double *out,
                  const Box &box, const JacobiWeights &w, long tile_rows) {
  sweep<false>(layout, u, rhs, out, box, w, tile_rows);
}

double jacobi_sweep_residual(const grid::Layout &layout, const double *u, const double *rhs,
                             double *out, const Box &box, const JacobiWeights &w, long tile_rows) {
  return sweep<true>(layout, u, rhs, out, box, w, tile_rows);
}

long default_tile_rows(const grid::Layout &layout) {
  const long bytes_per_row = 3 * layout.ghosted[2] * static_cast<long>(sizeof(double));
  return std::max(1L, (256L * 1024) / bytes_per_row);
}

}  // namespace hpcpat::stencil
