#include "poisson27.hpp"

#include <cmath>
#include <limits>
#include <numbers>

namespace hpcpat::cg {

LocalProblem assemble_poisson27(const grid::CartGrid &grid, const grid::Layout &layout) {
  LocalProblem p;
  CsrMatrix &a = p.matrix;
  const auto &off = grid.offset();
  const auto &global = grid.global();
  a.rows = layout.interior_points();
  a.row_start.reserve(static_cast<std::size_t>(a.rows) + 1);
  a.column.reserve(static_cast<std::size_t>(a.rows) * 27);
  a.value.reserve(static_cast<std::size_t>(a.rows) * 27);
  p.b.assign(layout.size(), 0.0);
  a.row_start.push_back(0);
  auto inside = [&](int d, long local_index) {
    const long g = off[d] + local_index - 1;  // global index, 0-based
    return g >= 0 && g < global[d];
  };
  for (long i = 1; i <= layout.local[0]; ++i)
    for (long j = 1; j <= layout.local[1]; ++j)
      for (long k = 1; k <= layout.local[2]; ++k) {
        double row_sum = 0;
        for (long di = -1; di <= 1; ++di)
          for (long dj = -1; dj <= 1; ++dj)
            for (long dk = -1; dk <= 1; ++dk) {
              if (!inside(0, i + di) || !inside(1, j + dj) || !inside(2, k + dk)) continue;
              const double v = (di == 0 && dj == 0 && dk == 0) ? 26.0 : -1.0;
              a.column.push_back(static_cast<std::int32_t>(layout.at(i + di, j + dj, k + dk)));
              a.value.push_back(v);
              row_sum += v;
            }
        a.row_start.push_back(static_cast<long>(a.value.size()));
        p.b[layout.at(i, j, k)] = row_sum;  // (A 1)_row
      }
  return p;
}

bool fits_int32_columns(const grid::Layout &layout) {
  return layout.size() <= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max());
}

double smallest_eigenvalue(const grid::Index3 &global) {
  double product = 1;
  for (long n : global) product *= 1 + 2 * std::cos(std::numbers::pi / static_cast<double>(n + 1));
  return 27 - product;
}

}  // namespace hpcpat::cg
