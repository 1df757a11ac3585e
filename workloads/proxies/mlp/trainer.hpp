// Data-parallel SGD with momentum: each rank takes its contiguous share of every global batch,
// computes the gradient of the global-batch mean loss on that share, the buckets are summed
// across ranks, and every rank applies the same update (replicas stay identical).
#pragma once

#include <mpi.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "gradient_buckets.hpp"
#include "model.hpp"
#include "teacher_data.hpp"

namespace hpcpat::mlp {

struct TrainOptions {
  long steps = 200;
  std::size_t global_batch = 256;
  double lr = 0.02;
  double momentum = 0.9;
  long log_every = 0;  // 0: about 20 points over the run
};

struct TrainResult {
  std::vector<std::pair<long, double>> loss_curve;  // (step, global-batch mean loss before update)
  double seconds = 0;
  double forward_s = 0, backward_s = 0, update_s = 0;
  ReduceTimes reduce;
};

class Trainer {
 public:
  // Collective over `comm`; the global batch must divide by its size (the caller checks).
  Trainer(MPI_Comm comm, Mlp &model, const TeacherData &data, GradientReducer &reducer,
          const TrainOptions &options);

  TrainResult run();

  // Slot of the flat gradient array that carries this rank's loss sum through the first bucket.
  static std::size_t loss_slot(const Mlp &model) { return model.parameter_count(); }

 private:
  MPI_Comm comm_;
  Mlp &model_;
  const TeacherData &data_;
  GradientReducer &reducer_;
  TrainOptions options_;
  int rank_ = 0, ranks_ = 1;
  std::size_t local_batch_;
  std::vector<double> x_, t_, grads_, velocity_;
};

}  // namespace hpcpat::mlp
