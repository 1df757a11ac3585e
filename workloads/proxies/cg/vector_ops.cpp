#include "vector_ops.hpp"

namespace hpcpat::cg {

namespace {

// Calls row(first, length) for each contiguous k-row of owned points.
template <class Row>
inline void for_each_row(const grid::Layout &layout, Row &&row) {
  for (long i = 1; i <= layout.local[0]; ++i)
    for (long j = 1; j <= layout.local[1]; ++j) row(layout.at(i, j, 1), layout.local[2]);
}

}  // namespace

void spmv(const CsrMatrix &a, const grid::Layout &layout, const double *x, double *y) {
  const long *start = a.row_start.data();
  const std::int32_t *column = a.column.data();
  const double *value = a.value.data();
  long r = 0;
  for_each_row(layout, [&](std::size_t first, long length) {
    double *__restrict out = y + first;
    for (long k = 0; k < length; ++k, ++r) {
      double sum = 0;
      for (long e = start[r]; e < start[r + 1]; ++e) sum += value[e] * x[column[e]];
      out[k] = sum;
    }
  });
}

double local_dot(const grid::Layout &layout, const double *x, const double *y) {
  double sum = 0;
  for_each_row(layout, [&](std::size_t first, long length) {
    for (long k = 0; k < length; ++k) sum += x[first + k] * y[first + k];
  });
  return sum;
}

void axpy(const grid::Layout &layout, double alpha, const double *x, double *y) {
  for_each_row(layout, [&](std::size_t first, long length) {
    const double *__restrict in = x + first;
    double *__restrict out = y + first;
    for (long k = 0; k < length; ++k) out[k] += alpha * in[k];
  });
}

void xpby(const grid::Layout &layout, const double *x, double beta, double *y) {
  for_each_row(layout, [&](std::size_t first, long length) {
    const double *__restrict in = x + first;
    double *__restrict out = y + first;
    for (long k = 0; k < length; ++k) out[k] = in[k] + beta * out[k];
  });
}

}  // namespace hpcpat::cg
