#include "trainer.hpp"

#include <hpcpat/regions.h>

namespace hpcpat::mlp {

Trainer::Trainer(MPI_Comm comm, Mlp &model, const TeacherData &data, GradientReducer &reducer,
                 const TrainOptions &options)
    : comm_(comm), model_(model), data_(data), reducer_(reducer), options_(options) {
  MPI_Comm_rank(comm, &rank_);
  MPI_Comm_size(comm, &ranks_);
  local_batch_ = options.global_batch / static_cast<std::size_t>(ranks_);
  x_.resize(local_batch_ * model.layers().front().in);
  t_.resize(local_batch_ * model.layers().back().out);
  grads_.assign(model.parameter_count() + 1, 0.0);  // + the loss slot
  velocity_.assign(model.parameter_count(), 0.0);
  if (options_.log_every <= 0) options_.log_every = options.steps >= 20 ? options.steps / 20 : 1;
}

TrainResult Trainer::run() {
  TrainResult result;
  double *grads = grads_.data();
  std::vector<double> &params = model_.params();
  const std::size_t n = params.size();
  const std::size_t slot = loss_slot(model_);
  MPI_Barrier(comm_);
  const double start = MPI_Wtime();
  for (long step = 0; step < options_.steps; ++step) {
    double t0 = MPI_Wtime();
    {
      hpcpat::Region region("forward");
      const std::uint64_t first = static_cast<std::uint64_t>(step) * options_.global_batch +
                                  static_cast<std::uint64_t>(rank_) * local_batch_;
      data_.fill(first, local_batch_, x_.data(), t_.data());
      grads[slot] = model_.forward(x_.data(), t_.data(), local_batch_);
    }
    double t1 = MPI_Wtime();
    result.forward_s += t1 - t0;
    {
      hpcpat::Region region("backward");
      model_.backward(grads, options_.global_batch,
                      [&](std::size_t layer) { reducer_.layer_done(grads, layer, result.reduce); });
    }
    t0 = MPI_Wtime();
    result.backward_s += t0 - t1;
    reducer_.finish(grads, result.reduce);  // region "allreduce"
    t1 = MPI_Wtime();
    {
      hpcpat::Region region("update");
      const double lr = options_.lr, mu = options_.momentum;
      double *v = velocity_.data();
      double *p = params.data();
      for (std::size_t i = 0; i < n; ++i) {
        v[i] = mu * v[i] + grads[i];
        p[i] -= lr * v[i];
      }
    }
    result.update_s += MPI_Wtime() - t1;
    if (step % options_.log_every == 0 || step + 1 == options_.steps) {
      result.loss_curve.emplace_back(step,
                                     grads[slot] / static_cast<double>(options_.global_batch));
    }
  }
  result.seconds = MPI_Wtime() - start;
  return result;
}

}  // namespace hpcpat::mlp
