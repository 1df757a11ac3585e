// A multilayer perceptron (tanh hidden layers, linear output, mean squared error) in plain C++:
// every parameter in one flat array, every gradient in another with the same layout, so that a
// run of layers is one contiguous range that a single allreduce can carry.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace hpcpat::mlp {

struct LayerShape {
  std::size_t in, out;
  std::size_t offset;  // of W (in×out, row-major by input), then b (out) in the flat arrays
  std::size_t count() const { return in * out + out; }
};

class Mlp {
 public:
  // widths: input, hidden..., output. Weights start Glorot-uniform from `seed`, biases at zero.
  Mlp(const std::vector<std::size_t> &widths, unsigned long long seed);

  const std::vector<LayerShape> &layers() const { return layers_; }
  std::size_t parameter_count() const { return params_.size(); }
  std::vector<double> &params() { return params_; }
  const std::vector<double> &params() const { return params_; }

  // Forward pass over `batch` samples (inputs batch×in, row-major); keeps the activations for
  // backward and returns Σ_samples ½‖y − t‖².
  double forward(const double *inputs, const double *targets, std::size_t batch);

  // Backward pass of the last forward. Writes ∂L/∂θ with L = (Σ_samples ½‖y − t‖²) / scale_batch
  // into grads[0, parameter_count()), so that ranks holding parts of one global batch produce
  // parts of its mean gradient. Calls layer_done(l) as soon as layer l's gradient is final
  // (layers from last to first), which is when a data-parallel trainer may start reducing it.
  void backward(double *grads, std::size_t scale_batch,
                const std::function<void(std::size_t)> &layer_done);

 private:
  std::vector<LayerShape> layers_;
  std::vector<double> params_;
  std::size_t batch_ = 0;
  const double *targets_ = nullptr;
  std::vector<std::vector<double>> acts_;  // acts_[0] = inputs, acts_[l+1] = output of layer l
  std::vector<double> delta_, delta_prev_;
};

}  // namespace hpcpat::mlp
