// 3D spatial decomposition of the periodic cubic box over the ranks of a communicator: a periodic
// Cartesian grid from MPI_Dims_create, each rank owning one brick [lo, hi) of the box.
#pragma once

#include <mpi.h>

#include <array>
#include <vector>

namespace minimd {

class Domain {
 public:
  // Collective over `world`. Keeps world rank order (no reorder) so profiles name the same ranks.
  Domain(MPI_Comm world, double box_length);
  ~Domain();
  Domain(const Domain &) = delete;
  Domain &operator=(const Domain &) = delete;

  MPI_Comm comm() const { return cart_; }
  int rank() const { return rank_; }
  int nranks() const { return nranks_; }
  const std::array<int, 3> &dims() const { return dims_; }
  const std::array<int, 3> &coords() const { return coords_; }
  int lower(int d) const { return lower_[d]; }  // neighbour rank below in dimension d
  int upper(int d) const { return upper_[d]; }  // neighbour rank above in dimension d
  double length() const { return length_; }     // global box side
  double volume() const { return length_ * length_ * length_; }
  double lo(int d) const { return bounds_[d][coords_[d]]; }
  double hi(int d) const { return bounds_[d][coords_[d] + 1]; }
  double narrowest_width() const;  // smallest sub-domain side over all dimensions

  // Grid coordinate (in dimension d) of the brick owning position x in [0, length).
  int owner_coord(int d, double x) const;

 private:
  MPI_Comm cart_ = MPI_COMM_NULL;
  int rank_ = 0, nranks_ = 1;
  std::array<int, 3> dims_{}, coords_{}, lower_{}, upper_{};
  double length_ = 0;
  // bounds_[d][c] is the low edge of grid slab c; computed once so every rank uses the very same
  // floating-point edges for creation and migration (an atom on an edge has exactly one owner).
  std::array<std::vector<double>, 3> bounds_;
};

}  // namespace minimd
