#include "hpcpat/grid/halo_exchange.hpp"

namespace hpcpat::grid {

namespace {

// A one-point-thick face of dimension `dim` at local index `at`. The other dimensions span the
// interior, or interior plus ghosts for dimensions already exchanged in phased mode.
MPI_Datatype face_type(const Layout &layout, int dim, long at, HaloShape shape) {
  int sizes[3], subsizes[3], starts[3];
  for (int e = 0; e < 3; ++e) {
    sizes[e] = static_cast<int>(layout.ghosted[e]);
    const bool with_ghosts = shape == HaloShape::phased && e < dim;
    subsizes[e] = static_cast<int>(with_ghosts ? layout.ghosted[e] : layout.local[e]);
    starts[e] = with_ghosts ? 0 : 1;
  }
  subsizes[dim] = 1;
  starts[dim] = static_cast<int>(at);
  MPI_Datatype type;
  MPI_Type_create_subarray(3, sizes, subsizes, starts, MPI_ORDER_C, MPI_DOUBLE, &type);
  MPI_Type_commit(&type);
  return type;
}

}  // namespace

HaloExchange::HaloExchange(const CartGrid &grid, const Layout &layout, HaloShape shape)
    : comm_(grid.comm()), shape_(shape) {
  requests_.reserve(12);
  for (int d = 0; d < 3; ++d) {
    for (int side = 0; side < 2; ++side) {
      neighbours_[d][side] = grid.neighbour(d, side);
      const long owned = side == 0 ? 1 : layout.local[d];
      const long ghost = side == 0 ? 0 : layout.local[d] + 1;
      send_type_[d][side] = face_type(layout, d, owned, shape);
      recv_type_[d][side] = face_type(layout, d, ghost, shape);
      if (neighbours_[d][side] != MPI_PROC_NULL) {
        int type_bytes = 0;
        MPI_Type_size(send_type_[d][side], &type_bytes);
        messages_ += 1;
        bytes_ += type_bytes;
      }
    }
  }
}

HaloExchange::~HaloExchange() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (finalized) return;
  for (auto &per_dim : send_type_)
    for (auto &t : per_dim) MPI_Type_free(&t);
  for (auto &per_dim : recv_type_)
    for (auto &t : per_dim) MPI_Type_free(&t);
}

// A message travelling towards the upper side of `dim` carries tag 2*dim+1, towards the lower
// side 2*dim, so the two faces of one dimension never match each other.
void HaloExchange::post_dim(int dim, double *field) {
  for (int side = 0; side < 2; ++side) {
    MPI_Request request;
    MPI_Irecv(field, 1, recv_type_[dim][side], neighbours_[dim][side], 2 * dim + (1 - side), comm_,
              &request);
    requests_.push_back(request);
  }
  for (int side = 0; side < 2; ++side) {
    MPI_Request request;
    MPI_Isend(field, 1, send_type_[dim][side], neighbours_[dim][side], 2 * dim + side, comm_,
              &request);
    requests_.push_back(request);
  }
}

void HaloExchange::start(double *field) {
  if (shape_ == HaloShape::faces) {
    for (int d = 0; d < 3; ++d) post_dim(d, field);
    return;
  }
  for (int d = 0; d < 2; ++d) {
    post_dim(d, field);
    finish();
  }
  post_dim(2, field);
}

void HaloExchange::finish() {
  MPI_Waitall(static_cast<int>(requests_.size()), requests_.data(), MPI_STATUSES_IGNORE);
  requests_.clear();
}

}  // namespace hpcpat::grid
