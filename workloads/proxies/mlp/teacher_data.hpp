// The synthetic regression task: inputs uniform in [-1, 1]^d, targets from a fixed random
// "teacher" network (d → 32 tanh → outputs). Sample i of the stream is a pure function of
// (seed, i), so the global batch of a step is the same whatever the rank count and each rank
// generates only its own share.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "random.hpp"

namespace hpcpat::mlp {

class TeacherData {
 public:
  static constexpr std::size_t kTeacherHidden = 32;

  TeacherData(std::size_t inputs, std::size_t outputs, std::uint64_t seed)
      : inputs_(inputs),
        outputs_(outputs),
        seed_(seed),
        w1_(inputs * kTeacherHidden),
        w2_(kTeacherHidden * outputs) {
    // Gains chosen so that the teacher's hidden units are neither linear nor saturated and the
    // targets have a variance of order 0.1–1.
    const double g1 = 2.0 / std::sqrt(static_cast<double>(inputs));
    const double g2 = 1.5 / std::sqrt(static_cast<double>(kTeacherHidden));
    for (std::size_t i = 0; i < w1_.size(); ++i) w1_[i] = g1 * uniform_pm1(seed, kW1Stream, i);
    for (std::size_t i = 0; i < w2_.size(); ++i) w2_[i] = g2 * uniform_pm1(seed, kW2Stream, i);
  }

  // Writes samples [first, first + count) of the stream: x (count×inputs), t (count×outputs).
  void fill(std::uint64_t first, std::size_t count, double *x, double *t) const {
    double h[kTeacherHidden];
    for (std::size_t s = 0; s < count; ++s) {
      double *xs = x + s * inputs_;
      double *ts = t + s * outputs_;
      const std::uint64_t sample = first + s;
      for (std::size_t k = 0; k < inputs_; ++k)
        xs[k] = uniform_pm1(seed_, kInputStream, sample * inputs_ + k);
      for (std::size_t j = 0; j < kTeacherHidden; ++j) h[j] = 0;
      for (std::size_t k = 0; k < inputs_; ++k) {
        for (std::size_t j = 0; j < kTeacherHidden; ++j)
          h[j] += xs[k] * w1_[k * kTeacherHidden + j];
      }
      for (std::size_t j = 0; j < kTeacherHidden; ++j) h[j] = std::tanh(h[j]);
      for (std::size_t o = 0; o < outputs_; ++o) {
        double v = 0;
        for (std::size_t j = 0; j < kTeacherHidden; ++j) v += h[j] * w2_[j * outputs_ + o];
        ts[o] = v;
      }
    }
  }

 private:
  static constexpr std::uint64_t kW1Stream = 0x54573101, kW2Stream = 0x54573202,
                                 kInputStream = 0x494e5055;
  std::size_t inputs_, outputs_;
  std::uint64_t seed_;
  std::vector<double> w1_, w2_;
};

}  // namespace hpcpat::mlp
