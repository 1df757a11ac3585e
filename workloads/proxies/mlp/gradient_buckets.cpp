#include "gradient_buckets.hpp"

#include <hpcpat/regions.h>

namespace hpcpat::mlp {

std::vector<Bucket> plan_buckets(const std::vector<LayerShape> &layers, double cap_bytes,
                                 std::size_t extra) {
  std::vector<Bucket> buckets;
  std::size_t l = layers.size();
  while (l > 0) {
    const std::size_t last = l - 1;
    std::size_t count = last + 1 == layers.size() ? extra : 0;
    std::size_t first = last;
    for (;;) {
      count += layers[first].count();
      l = first;
      if (static_cast<double>(count * sizeof(double)) >= cap_bytes || first == 0) break;
      --first;
    }
    buckets.push_back({first, last, layers[first].offset, count});
  }
  return buckets;
}

GradientReducer::GradientReducer(MPI_Comm comm, std::vector<Bucket> buckets, bool overlap)
    : comm_(comm), buckets_(std::move(buckets)), overlap_(overlap) {
  requests_.reserve(buckets_.size());
}

void GradientReducer::layer_done(double *grads, std::size_t layer, ReduceTimes &times) {
  if (!overlap_) return;
  const double t0 = MPI_Wtime();
  for (const Bucket &b : buckets_) {
    if (b.first_layer != layer) continue;
    requests_.emplace_back();
    MPI_Iallreduce(MPI_IN_PLACE, grads + b.offset, static_cast<int>(b.count), MPI_DOUBLE, MPI_SUM,
                   comm_, &requests_.back());
  }
  // Without an asynchronous progress thread, most MPI libraries advance a nonblocking
  // collective only inside MPI calls; a test per layer lets earlier buckets move meanwhile.
  if (!requests_.empty()) {
    int done = 0;
    MPI_Testall(static_cast<int>(requests_.size()), requests_.data(), &done, MPI_STATUSES_IGNORE);
  }
  times.post_s += MPI_Wtime() - t0;
}

void GradientReducer::finish(double *grads, ReduceTimes &times) {
  hpcpat::Region region("allreduce");
  const double t0 = MPI_Wtime();
  if (overlap_) {
    MPI_Waitall(static_cast<int>(requests_.size()), requests_.data(), MPI_STATUSES_IGNORE);
    requests_.clear();
  } else {
    for (const Bucket &b : buckets_) {
      MPI_Allreduce(MPI_IN_PLACE, grads + b.offset, static_cast<int>(b.count), MPI_DOUBLE, MPI_SUM,
                    comm_);
    }
  }
  times.wait_s += MPI_Wtime() - t0;
}

}  // namespace hpcpat::mlp
