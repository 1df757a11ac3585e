#include "domain.hpp"

#include <algorithm>

namespace minimd {

Domain::Domain(MPI_Comm world, double box_length) : length_(box_length) {
  MPI_Comm_size(world, &nranks_);
  MPI_Dims_create(nranks_, 3, dims_.data());
  const int periods[3] = {1, 1, 1};
  MPI_Cart_create(world, 3, dims_.data(), periods, /*reorder=*/0, &cart_);
  MPI_Comm_rank(cart_, &rank_);
  MPI_Cart_coords(cart_, rank_, 3, coords_.data());
  for (int d = 0; d < 3; ++d) {
    MPI_Cart_shift(cart_, d, 1, &lower_[d], &upper_[d]);
    bounds_[d].resize(dims_[d] + 1);
    for (int c = 0; c <= dims_[d]; ++c) bounds_[d][c] = length_ * c / dims_[d];
    bounds_[d][dims_[d]] = length_;
  }
}

Domain::~Domain() {
  if (cart_ != MPI_COMM_NULL) MPI_Comm_free(&cart_);
}

double Domain::narrowest_width() const {
  double w = length_;
  for (int d = 0; d < 3; ++d) w = std::min(w, length_ / dims_[d]);
  return w;
}

int Domain::owner_coord(int d, double x) const {
  const auto &b = bounds_[d];
  // upper_bound finds the first edge strictly above x; the slab below it owns x.
  const auto it = std::upper_bound(b.begin() + 1, b.end() - 1, x);
  return static_cast<int>(it - b.begin()) - 1;
}

}  // namespace minimd
