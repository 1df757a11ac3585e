#include "model.hpp"

#include <cmath>

#include "random.hpp"

namespace hpcpat::mlp {

namespace {

constexpr std::uint64_t kWeightStream = 0x57454947;  // "WEIG"

// y[0, n) += a · x[0, n): the inner loop of every product here, written so GCC vectorises it.
inline void axpy(std::size_t n, double a, const double *__restrict x, double *__restrict y) {
  for (std::size_t j = 0; j < n; ++j) y[j] += a * x[j];
}

// y0..y3 += a0..a3 · x: one load of x feeds four independent rows.
inline void axpy4(std::size_t n, double a0, double a1, double a2, double a3,
                  const double *__restrict x, double *__restrict y0, double *__restrict y1,
                  double *__restrict y2, double *__restrict y3) {
  for (std::size_t j = 0; j < n; ++j) {
    const double xj = x[j];
    y0[j] += a0 * xj;
    y1[j] += a1 * xj;
    y2[j] += a2 * xj;
    y3[j] += a3 * xj;
  }
}

// y += a0·x0 + a1·x1 + a2·x2 + a3·x3: one load and store of y for four contributions.
inline void sum4(std::size_t n, double a0, double a1, double a2, double a3,
                 const double *__restrict x0, const double *__restrict x1,
                 const double *__restrict x2, const double *__restrict x3, double *__restrict y) {
  for (std::size_t j = 0; j < n; ++j) y[j] += a0 * x0[j] + a1 * x1[j] + a2 * x2[j] + a3 * x3[j];
}

inline double dot(std::size_t n, const double *__restrict x, const double *__restrict y) {
  double s = 0;
#pragma omp simd reduction(+ : s)
  for (std::size_t j = 0; j < n; ++j) s += x[j] * y[j];
  return s;
}

// s[r] = x · y_r for four rows. Each sample's sum is reduced in the same order as dot() would
// for the same build, so a sample's result does not depend on where it sits in the batch.
inline void dot4(std::size_t n, const double *__restrict x, const double *__restrict y0,
                 const double *__restrict y1, const double *__restrict y2,
                 const double *__restrict y3, double *s) {
  s[0] = dot(n, x, y0);
  s[1] = dot(n, x, y1);
  s[2] = dot(n, x, y2);
  s[3] = dot(n, x, y3);
}

}  // namespace

Mlp::Mlp(const std::vector<std::size_t> &widths, unsigned long long seed) {
  std::size_t offset = 0;
  for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
    layers_.push_back({widths[l], widths[l + 1], offset});
    offset += layers_.back().count();
  }
  params_.assign(offset, 0.0);
  for (const LayerShape &layer : layers_) {
    const double limit = std::sqrt(6.0 / static_cast<double>(layer.in + layer.out));
    for (std::size_t i = 0; i < layer.in * layer.out; ++i) {
      const std::size_t at = layer.offset + i;
      params_[at] = limit * uniform_pm1(seed, kWeightStream, at);
    }
  }
  acts_.resize(layers_.size() + 1);
}

double Mlp::forward(const double *inputs, const double *targets, std::size_t batch) {
  batch_ = batch;
  targets_ = targets;
  acts_[0].assign(inputs, inputs + batch * layers_.front().in);
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const LayerShape &layer = layers_[l];
    const double *w = params_.data() + layer.offset;
    const double *b = w + layer.in * layer.out;
    const std::vector<double> &a = acts_[l];
    std::vector<double> &z = acts_[l + 1];
    z.resize(batch * layer.out);
    const bool hidden = l + 1 < layers_.size();
    for (std::size_t i = 0; i < batch; ++i) {
      double *zi = z.data() + i * layer.out;
      for (std::size_t o = 0; o < layer.out; ++o) zi[o] = b[o];
    }
    // Four samples per pass over W: each weight row is loaded once for four updates. Every
    // sample still sums over k in the same order, so its output does not depend on the batch.
    std::size_t i = 0;
    for (; i + 4 <= batch; i += 4) {
      double *z0 = z.data() + i * layer.out;
      const double *a0 = a.data() + i * layer.in;
      for (std::size_t k = 0; k < layer.in; ++k) {
        axpy4(layer.out, a0[k], a0[layer.in + k], a0[2 * layer.in + k], a0[3 * layer.in + k],
              w + k * layer.out, z0, z0 + layer.out, z0 + 2 * layer.out, z0 + 3 * layer.out);
      }
    }
    for (; i < batch; ++i) {
      double *zi = z.data() + i * layer.out;
      for (std::size_t k = 0; k < layer.in; ++k)
        axpy(layer.out, a[i * layer.in + k], w + k * layer.out, zi);
    }
    if (hidden) {
      for (double &v : z) v = std::tanh(v);
    }
  }
  const std::vector<double> &y = acts_.back();
  const std::size_t outs = layers_.back().out;
  double loss = 0;
  for (std::size_t i = 0; i < batch * outs; ++i) {
    const double r = y[i] - targets[i];
    loss += 0.5 * r * r;
  }
  return loss;
}

void Mlp::backward(double *grads, std::size_t scale_batch,
                   const std::function<void(std::size_t)> &layer_done) {
  const std::size_t outs = layers_.back().out;
  const double inv = 1.0 / static_cast<double>(scale_batch);
  // delta = ∂L/∂z of the current layer, batch×out.
  delta_.resize(batch_ * outs);
  for (std::size_t i = 0; i < batch_ * outs; ++i) delta_[i] = (acts_.back()[i] - targets_[i]) * inv;
  for (std::size_t l = layers_.size(); l-- > 0;) {
    const LayerShape &layer = layers_[l];
    const double *w = params_.data() + layer.offset;
    double *gw = grads + layer.offset;
    double *gb = gw + layer.in * layer.out;
    const std::vector<double> &a = acts_[l];
    for (std::size_t j = 0; j < layer.count(); ++j) gw[j] = 0.0;
    std::size_t i = 0;
    for (; i + 4 <= batch_; i += 4) {  // four samples per pass over the gradient rows
      const double *d0 = delta_.data() + i * layer.out;
      const double *a0 = a.data() + i * layer.in;
      for (std::size_t k = 0; k < layer.in; ++k) {
        sum4(layer.out, a0[k], a0[layer.in + k], a0[2 * layer.in + k], a0[3 * layer.in + k], d0,
             d0 + layer.out, d0 + 2 * layer.out, d0 + 3 * layer.out, gw + k * layer.out);
      }
      sum4(layer.out, 1.0, 1.0, 1.0, 1.0, d0, d0 + layer.out, d0 + 2 * layer.out,
           d0 + 3 * layer.out, gb);
    }
    for (; i < batch_; ++i) {
      const double *di = delta_.data() + i * layer.out;
      for (std::size_t k = 0; k < layer.in; ++k)
        axpy(layer.out, a[i * layer.in + k], di, gw + k * layer.out);
      axpy(layer.out, 1.0, di, gb);
    }
    if (l > 0) {
      // delta of the layer below: (delta · Wᵀ) ⊙ tanh'(z) with tanh' = 1 − a².
      delta_prev_.resize(batch_ * layer.in);
      std::size_t i = 0;
      for (; i + 4 <= batch_; i += 4) {  // four samples per pass over W
        const double *d0 = delta_.data() + i * layer.out;
        for (std::size_t k = 0; k < layer.in; ++k) {
          double s[4];
          dot4(layer.out, w + k * layer.out, d0, d0 + layer.out, d0 + 2 * layer.out,
               d0 + 3 * layer.out, s);
          for (std::size_t r = 0; r < 4; ++r) {
            const double ak = a[(i + r) * layer.in + k];
            delta_prev_[(i + r) * layer.in + k] = s[r] * (1.0 - ak * ak);
          }
        }
      }
      for (; i < batch_; ++i) {
        const double *di = delta_.data() + i * layer.out;
        for (std::size_t k = 0; k < layer.in; ++k) {
          const double ak = a[i * layer.in + k];
          delta_prev_[i * layer.in + k] = dot(layer.out, di, w + k * layer.out) * (1.0 - ak * ak);
        }
      }
    }
    layer_done(l);
    if (l > 0) delta_.swap(delta_prev_);
  }
}

}  // namespace hpcpat::mlp
