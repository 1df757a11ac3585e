// Gradient averaging as PyTorch DDP does it: parameters grouped into buckets of about
// --bucket-mb, in reverse layer order (the order backward produces them); one MPI_Allreduce per
// bucket after backward (blocking), or one MPI_Iallreduce per bucket posted as soon as its last
// layer's gradient is final and completed with MPI_Waitall before the update (overlapped).
#pragma once

#include <mpi.h>

#include <cstddef>
#include <vector>

#include "model.hpp"

namespace hpcpat::mlp {

struct Bucket {
  std::size_t first_layer, last_layer;  // inclusive; backward reaches last_layer first
  std::size_t offset, count;            // range of the flat gradient array, in doubles
};

// Buckets over `layers`, from the last layer backwards: a bucket closes once it holds at least
// cap_bytes (so a layer larger than the cap gets a bucket of its own). `extra` trailing doubles
// after the last layer's parameters (e.g. the batch loss) travel in the first bucket.
std::vector<Bucket> plan_buckets(const std::vector<LayerShape> &layers, double cap_bytes,
                                 std::size_t extra);

struct ReduceTimes {
  double post_s = 0;  // posting MPI_Iallreduce and driving progress with MPI_Testall (overlap)
  double wait_s = 0;  // blocking MPI_Allreduce calls, or the final MPI_Waitall (overlap)
};

class GradientReducer {
 public:
  GradientReducer(MPI_Comm comm, std::vector<Bucket> buckets, bool overlap);

  const std::vector<Bucket> &buckets() const { return buckets_; }

  // Called by backward when `layer`'s gradient is final. With overlap, posts the bucket that
  // this layer completes and tests outstanding requests so that they progress.
  void layer_done(double *grads, std::size_t layer, ReduceTimes &times);

  // After backward: reduces every bucket (blocking) or waits for the posted ones (overlap).
  void finish(double *grads, ReduceTimes &times);

 private:
  MPI_Comm comm_;
  std::vector<Bucket> buckets_;
  bool overlap_;
  std::vector<MPI_Request> requests_;
};

}  // namespace hpcpat::mlp
