// Ghost-layer exchange of a field stored in a grid::Layout, with nonblocking point-to-point and
// MPI subarray datatypes (no hand packing: the MPI library packs the strided faces).
//
// Two shapes of exchange:
//  - faces:  the 6 faces at once (12 requests in flight) — enough for 7-point stencils, and
//            splittable into start()/finish() so that interior work can overlap communication.
//  - phased: x, then y, then z, each phase's faces including the ghosts the earlier phases filled,
//            so edges and corners travel along (the miniMD/LAMMPS way) — what 27-point stencils
//            need, with 6 messages instead of 26.
#pragma once

#include <mpi.h>

#include <array>
#include <vector>

#include "hpcpat/grid/cart_grid.hpp"

namespace hpcpat::grid {

enum class HaloShape { faces, phased };

class HaloExchange {
 public:
  HaloExchange(const CartGrid &grid, const Layout &layout, HaloShape shape);
  ~HaloExchange();
  HaloExchange(const HaloExchange &) = delete;
  HaloExchange &operator=(const HaloExchange &) = delete;

  // faces: posts all receives and sends. phased: completes x and y, posts z.
  void start(double *field);
  // Waits for what start() posted; the ghosts of `field` are then current.
  void finish();
  void exchange(double *field) {
    start(field);
    finish();
  }

  // What one exchange moves from this rank (to ranks, not to MPI_PROC_NULL).
  long messages_sent() const { return messages_; }
  long bytes_sent() const { return bytes_; }

 private:
  void post_dim(int dim, double *field);

  MPI_Comm comm_;
  HaloShape shape_;
  std::array<std::array<int, 2>, 3> neighbours_{};
  std::array<std::array<MPI_Datatype, 2>, 3> send_type_{};
  std::array<std::array<MPI_Datatype, 2>, 3> recv_type_{};
  std::vector<MPI_Request> requests_;
  long messages_ = 0;
  long bytes_ = 0;
};

}  // namespace hpcpat::grid
