// Backpropagation checked against central finite differences: a few parameters of every layer
// (first weight, a middle weight, last bias) on a 5-sample batch, in a copy of the model.
#pragma once

#include <cmath>
#include <vector>

#include "model.hpp"
#include "teacher_data.hpp"

namespace hpcpat::mlp {

// Largest |g_fd − g_backprop| / (|g_fd| + |g_backprop| + 1e-8) over the probed parameters.
// Central differences with h = 1e-4·max(1, |θ|) are accurate to ~h² (truncation) plus
// ~eps·Σ|terms|/h (rounding, which dominates for wide layers: ~1e-6 relative at width 1024
// with h = 1e-5). Both stay below 1e-5 relative, while a wrong backprop term errs by O(1).
inline double gradient_check_error(Mlp model, const TeacherData &data) {
  constexpr std::size_t kBatch = 5;  // one four-sample block plus a remainder sample
  const std::size_t in = model.layers().front().in, out = model.layers().back().out;
  std::vector<double> x(kBatch * in), t(kBatch * out), grads(model.parameter_count());
  data.fill(0, kBatch, x.data(), t.data());
  model.forward(x.data(), t.data(), kBatch);
  model.backward(grads.data(), kBatch, [](std::size_t) {});
  std::vector<std::size_t> probes;
  for (const LayerShape &l : model.layers()) {
    probes.push_back(l.offset);
    probes.push_back(l.offset + (l.in / 2) * l.out + l.out / 2);
    probes.push_back(l.offset + l.count() - 1);
  }
  double worst = 0;
  for (std::size_t i : probes) {
    double &theta = model.params()[i];
    const double saved = theta, h = 1e-4 * std::fmax(1.0, std::fabs(saved));
    theta = saved + h;
    const double up = model.forward(x.data(), t.data(), kBatch) / kBatch;
    theta = saved - h;
    const double down = model.forward(x.data(), t.data(), kBatch) / kBatch;
    theta = saved;
    const double fd = (up - down) / (2 * h);
    worst =
        std::fmax(worst, std::fabs(fd - grads[i]) / (std::fabs(fd) + std::fabs(grads[i]) + 1e-8));
  }
  return worst;
}

}  // namespace hpcpat::mlp
