#include "hpcpat/grid/cart_grid.hpp"

#include <sstream>

namespace hpcpat::grid {

std::array<int, 3> process_dims(int nranks) {
  std::array<int, 3> dims{0, 0, 0};
  MPI_Dims_create(nranks, 3, dims.data());
  return dims;
}

WorldGrid world_grid() {
  WorldGrid w;
  MPI_Comm_size(MPI_COMM_WORLD, &w.ranks);
  MPI_Comm_rank(MPI_COMM_WORLD, &w.rank);
  w.dims = process_dims(w.ranks);
  return w;
}

Index3 weak_scaled(const Index3 &per_rank, const std::array<int, 3> &dims) {
  return {per_rank[0] * dims[0], per_rank[1] * dims[1], per_rank[2] * dims[2]};
}

std::string why_not_decomposable(const Index3 &global, const std::array<int, 3> &dims,
                                 long min_local) {
  static const char *names = "xyz";
  for (int d = 0; d < 3; ++d) {
    if (global[d] / dims[d] < min_local) {
      std::ostringstream why;
      why << "grid of " << global[0] << "x" << global[1] << "x" << global[2]
          << " points does not decompose over " << dims[0] << "x" << dims[1] << "x" << dims[2]
          << " ranks: dimension " << names[d] << " has " << global[d] << " points for " << dims[d]
          << " ranks, need at least " << min_local << " per rank";
      return why.str();
    }
  }
  return {};
}

CartGrid::CartGrid(MPI_Comm parent, const Index3 &global, const std::array<int, 3> &dims)
    : dims_(dims), global_(global) {
  const int periodic[3] = {0, 0, 0};
  // reorder=0: ranks keep their parent numbering, so profiles name the same ranks as the launcher.
  MPI_Cart_create(parent, 3, dims_.data(), periodic, 0, &comm_);
  MPI_Comm_rank(comm_, &rank_);
  MPI_Cart_coords(comm_, rank_, 3, coords_.data());
  for (int d = 0; d < 3; ++d) {
    const long base = global_[d] / dims_[d];
    const long extra = global_[d] % dims_[d];
    const long c = coords_[d];
    local_[d] = base + (c < extra ? 1 : 0);
    offset_[d] = c * base + (c < extra ? c : extra);
    MPI_Cart_shift(comm_, d, 1, &neighbours_[d][0], &neighbours_[d][1]);
  }
}

CartGrid::~CartGrid() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized && comm_ != MPI_COMM_NULL) MPI_Comm_free(&comm_);
}

}  // namespace hpcpat::grid
