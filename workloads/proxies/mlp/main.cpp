// mlp: data-parallel training of a small multilayer perceptron with DDP-style bucketed gradient
// allreduce. See README.md for the task, the knobs, the checks and how the figures are counted.
#include <mpi.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "hpcpat/workload/app_cli.hpp"
#include "hpcpat/workload/bounds.hpp"
#include "hpcpat/workload/memory_budget.hpp"
#include "hpcpat/workload/summary.hpp"
#include "gradient_buckets.hpp"
#include "gradient_check.hpp"
#include "model.hpp"
#include "hpcpat/workload/summary_file.hpp"
#include "teacher_data.hpp"
#include "trainer.hpp"

namespace {

constexpr std::size_t kInputs = 32, kOutputs = 8;

struct Options {
  hpcpat::mlp::TrainOptions train;
  std::size_t hidden = 256;
  std::size_t layers = 3;  // hidden layers
  double bucket_mb = 0.25;
  bool overlap = false;
  unsigned long long seed = 1;
  double loss_factor = 0.5;
  std::string summary_path;
};

// Largest relative difference of the parameter checksum across ranks: replicas must stay
// identical, which is what makes data-parallel training equal to one-rank training.
double replica_spread(const std::vector<double> &params) {
  double sum = 0;
  for (double p : params) sum += p;
  double lo = sum, hi = sum;
  MPI_Allreduce(MPI_IN_PLACE, &lo, 1, MPI_DOUBLE, MPI_MIN, MPI_COMM_WORLD);
  MPI_Allreduce(MPI_IN_PLACE, &hi, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  return (hi - lo) / std::max(std::abs(hi), 1e-300);
}

// Weights and biases of the layers, overflow-checked: empty when they do not fit 64 bits.
hpcpat::app::Bytes parameter_count(const std::vector<std::size_t> &widths) {
  hpcpat::app::Bytes total = 0;
  for (std::size_t l = 0; l + 1 < widths.size(); ++l)
    total = hpcpat::app::checked_sum(
        {total, hpcpat::app::checked_product({widths[l] + 1, widths[l + 1]})});
  return total;
}

// Per rank: parameters, gradients (+ the loss slot), momentum and the gradient check's gradients
// (4 copies), and the activations of every layer plus two deltas of the widest, per local sample.
hpcpat::app::Bytes bytes_per_rank(const std::vector<std::size_t> &widths, std::size_t local_batch) {
  using hpcpat::app::checked_product;
  using hpcpat::app::checked_sum;
  std::uint64_t widths_sum = 0, widest = 0;
  for (std::size_t w : widths) {
    widths_sum += w;
    widest = std::max<std::uint64_t>(widest, w);
  }
  const hpcpat::app::Bytes doubles =
      checked_sum({checked_product({parameter_count(widths), 4}),
                   checked_product({local_batch, checked_sum({widths_sum, 2 * widest})})});
  return checked_product({doubles, sizeof(double)});
}

}  // namespace

int run(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  const std::string program = "mlp";
  Options opt;
  CLI::App cli{"Data-parallel MLP training with bucketed gradient allreduce (DDP-style)", program};
  // Bounds keep every size product below 2^64 (the memory estimate refuses far less).
  cli.add_option("--steps", opt.train.steps, "training steps (the duration knob)")
      ->capture_default_str()
      ->check(hpcpat::app::integer_in(1, 1000000000));
  cli.add_option("--global-batch", opt.train.global_batch,
                 "samples per step over all ranks (must divide by the rank count)")
      ->capture_default_str()
      ->check(hpcpat::app::integer_in(1, 1000000000));
  cli.add_option("--hidden", opt.hidden, "width of each hidden layer")
      ->capture_default_str()
      ->check(hpcpat::app::integer_in(1, 100000000));
  cli.add_option("--layers", opt.layers, "number of hidden layers")
      ->capture_default_str()
      ->check(hpcpat::app::integer_in(1, 100000));
  cli.add_option("--bucket-mb", opt.bucket_mb, "gradient bucket size in MiB (DDP's bucket_cap_mb)")
      ->capture_default_str()
      ->check(hpcpat::app::positive_real());
  cli.add_flag("--overlap", opt.overlap,
               "MPI_Iallreduce each bucket as soon as backward completes it; MPI_Waitall before "
               "the update");
  cli.add_option("--lr", opt.train.lr, "learning rate")
      ->capture_default_str()
      ->check(hpcpat::app::positive_real());
  cli.add_option("--momentum", opt.train.momentum, "SGD momentum")
      ->capture_default_str()
      ->check(hpcpat::app::real_in(0, 0.999));
  cli.add_option("--log-every", opt.train.log_every,
                 "log the loss every k steps (0: about 20 points over the run)")
      ->capture_default_str()
      ->check(hpcpat::app::at_least(0));
  cli.add_option("--loss-factor", opt.loss_factor,
                 "check: the final loss must be below this fraction of the initial loss")
      ->capture_default_str()
      ->check(hpcpat::app::real_in(0, 1));
  cli.add_option("--seed", opt.seed, "seed of the data, the teacher and the initial weights")
      ->capture_default_str();
  cli.add_option("--summary", opt.summary_path, "also write the JSON summary line to this file");
  hpcpat::app::parse_or_exit(cli, argc, argv);

  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  if (opt.train.global_batch % static_cast<std::size_t>(ranks) != 0) {
    hpcpat::app::refuse(program, "--global-batch " + std::to_string(opt.train.global_batch) +
                                     " does not divide by " + std::to_string(ranks) +
                                     " ranks: each rank takes an equal share of every batch, so "
                                     "that the loss curve matches the one-rank run");
  }
  std::vector<std::size_t> widths{kInputs};
  widths.insert(widths.end(), opt.layers, opt.hidden);
  widths.push_back(kOutputs);
  // Checked before allocating: the flat arrays and each allreduce count must fit an int.
  const std::string shape_flags =
      "--hidden " + std::to_string(opt.hidden) + " --layers " + std::to_string(opt.layers);
  if (const hpcpat::app::Bytes parameters = parameter_count(widths);
      !parameters || *parameters + 1 > static_cast<std::uint64_t>(INT_MAX)) {
    hpcpat::app::refuse(program, shape_flags + " gives " +
                                     (parameters ? std::to_string(*parameters)
                                                 : std::string("more than 2^64")) +
                                     " parameters; at most " + std::to_string(INT_MAX - 1) +
                                     " fit one MPI count");
  }
  hpcpat::app::refuse_if_too_big(
      program, shape_flags + " --global-batch " + std::to_string(opt.train.global_batch),
      bytes_per_rank(widths, opt.train.global_batch / static_cast<std::size_t>(ranks)));
  hpcpat::app::check_summary_path(program, opt.summary_path);

  hpcpat::mlp::Mlp model(widths, opt.seed);
  const hpcpat::mlp::TeacherData data(kInputs, kOutputs, opt.seed);
  hpcpat::mlp::GradientReducer reducer(
      MPI_COMM_WORLD, hpcpat::mlp::plan_buckets(model.layers(), opt.bucket_mb * 1048576.0, 1),
      opt.overlap);
  const double gradient_error = hpcpat::mlp::gradient_check_error(model, data);
  hpcpat::mlp::Trainer trainer(MPI_COMM_WORLD, model, data, reducer, opt.train);
  const hpcpat::mlp::TrainResult result = trainer.run();

  // Per-rank phase times, averaged over ranks (the wall time is the slowest rank's).
  double phase[6] = {result.forward_s,     result.backward_s,    result.update_s,
                     result.reduce.post_s, result.reduce.wait_s, result.seconds};
  MPI_Allreduce(MPI_IN_PLACE, phase, 5, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  MPI_Allreduce(MPI_IN_PLACE, phase + 5, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  for (int i = 0; i < 5; ++i) phase[i] /= ranks;
  const double seconds = phase[5];
  const double spread = replica_spread(model.params());

  hpcpat::app::Summary summary(program);
  summary.param("ranks", ranks);
  summary.param("steps", opt.train.steps);
  summary.param("global_batch", opt.train.global_batch);
  summary.param("local_batch", opt.train.global_batch / static_cast<std::size_t>(ranks));
  summary.param("widths", widths);
  summary.param("parameters", model.parameter_count());
  summary.param("bucket_mb", opt.bucket_mb);
  std::vector<std::size_t> bucket_bytes;
  for (const auto &b : reducer.buckets()) bucket_bytes.push_back(b.count * sizeof(double));
  summary.param("bucket_bytes", bucket_bytes);
  summary.param("overlap", opt.overlap);
  summary.param("lr", opt.train.lr);
  summary.param("momentum", opt.train.momentum);
  summary.param("seed", opt.seed);

  // Bytes each rank contributes to allreduces per step (gradients plus the 8-byte loss slot).
  const double step_bytes = static_cast<double>(
      std::accumulate(bucket_bytes.begin(), bucket_bytes.end(), std::size_t{0}));
  const double comm_s = phase[3] + phase[4];
  const double algbw = comm_s > 0 ? step_bytes * static_cast<double>(opt.train.steps) / comm_s : 0;
  const double steps = static_cast<double>(opt.train.steps);
  summary.figure("seconds", seconds);
  summary.figure("samples_per_s", steps * static_cast<double>(opt.train.global_batch) / seconds);
  summary.figure("forward_s", phase[0]);
  summary.figure("backward_s", phase[1]);
  summary.figure("update_s", phase[2]);
  summary.figure("allreduce_post_s", phase[3]);
  summary.figure("allreduce_s", phase[4]);
  summary.figure("allreduce_bytes_per_step", step_bytes);
  summary.figure("algbw_gb_per_s", algbw / 1e9);
  // NCCL's bus bandwidth: each byte crosses the links 2(n-1)/n times in a ring allreduce.
  summary.figure("busbw_gb_per_s", algbw * 2.0 * (ranks - 1) / ranks / 1e9);
  nlohmann::json curve = nlohmann::json::array();
  for (const auto &[step, loss] : result.loss_curve) curve.push_back({step, loss});
  summary.figure("loss_curve", curve);

  const double initial = result.loss_curve.front().second, final = result.loss_curve.back().second;
  const double ratio = final / initial;
  summary.check("loss_decreases", std::isfinite(ratio) && ratio < opt.loss_factor, ratio,
                opt.loss_factor);
  // Replicas apply the same reduced gradient; MPI allreduce algorithms may round differently on
  // different ranks, so allow a few ulps of drift in the checksum, nothing like a missed bucket.
  const double spread_tol = 1e-12;
  summary.check("replicas_identical", spread <= spread_tol, spread, spread_tol);
  const double gradient_tol = 1e-5;
  summary.check("gradient_vs_finite_differences", gradient_error <= gradient_tol, gradient_error,
                gradient_tol);
  const int status = summary.emit(rank, opt.summary_path);
  MPI_Finalize();
  return status;
}

int main(int argc, char **argv) { return hpcpat::app::guarded_main("mlp", run, argc, argv); }
