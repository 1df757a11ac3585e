// A global box of grid points split in blocks over a 3D Cartesian communicator, and the ghosted
// local layout each rank stores its block in (one ghost layer, k the contiguous dimension).
#pragma once

#include <mpi.h>

#include <array>
#include <cstddef>
#include <string>

namespace hpcpat::grid {

using Index3 = std::array<long, 3>;

// The process grid MPI_Dims_create chooses for nranks (non-increasing, e.g. 6 -> 3x2x1).
std::array<int, 3> process_dims(int nranks);

// MPI_COMM_WORLD as a structured-grid app sees it: its size, this rank, and process_dims().
struct WorldGrid {
  int ranks = 1;
  int rank = 0;
  std::array<int, 3> dims{1, 1, 1};
};
WorldGrid world_grid();

// Weak scaling: `per_rank` points per rank and dimension, times the process grid.
Index3 weak_scaled(const Index3 &per_rank, const std::array<int, 3> &dims);

// Why `global` points per dimension cannot be split over `dims` with at least `min_local` points
// per rank and dimension; empty when they can.
std::string why_not_decomposable(const Index3 &global, const std::array<int, 3> &dims,
                                 long min_local);

// Points i, j, k of the local block live at 1..local[d]; 0 and local[d]+1 are ghosts (or the
// physical boundary). Index (i, j, k) -> (i * ny + j) * nz + k with n = local + 2.
struct Layout {
  Index3 local{};
  Index3 ghosted{};  // local + 2

  explicit Layout(const Index3 &local_points)
      : local(local_points),
        ghosted{local_points[0] + 2, local_points[1] + 2, local_points[2] + 2} {}
  std::size_t size() const {
    return static_cast<std::size_t>(ghosted[0] * ghosted[1] * ghosted[2]);
  }
  std::size_t at(long i, long j, long k) const {
    return static_cast<std::size_t>((i * ghosted[1] + j) * ghosted[2] + k);
  }
  long interior_points() const { return local[0] * local[1] * local[2]; }
};

// Owns a non-periodic Cartesian communicator built over `parent` and this rank's block of the
// global box (block distribution: the first global % dims ranks get one point more).
class CartGrid {
 public:
  CartGrid(MPI_Comm parent, const Index3 &global, const std::array<int, 3> &dims);
  ~CartGrid();
  CartGrid(const CartGrid &) = delete;
  CartGrid &operator=(const CartGrid &) = delete;

  MPI_Comm comm() const { return comm_; }
  int rank() const { return rank_; }
  const std::array<int, 3> &dims() const { return dims_; }
  const std::array<int, 3> &coords() const { return coords_; }
  const Index3 &global() const { return global_; }
  const Index3 &local() const { return local_; }
  const Index3 &offset() const { return offset_; }  // global index of local point 1
  // The rank across face `side` (0: lower, 1: upper) of dimension `dim`, or MPI_PROC_NULL.
  int neighbour(int dim, int side) const { return neighbours_[dim][side]; }
  long global_points() const { return global_[0] * global_[1] * global_[2]; }

 private:
  MPI_Comm comm_ = MPI_COMM_NULL;
  int rank_ = 0;
  std::array<int, 3> dims_{};
  std::array<int, 3> coords_{};
  Index3 global_{};
  Index3 local_{};
  Index3 offset_{};
  std::array<std::array<int, 2>, 3> neighbours_{};
};

}  // namespace hpcpat::grid
