#include "manufactured.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace hpcpat::stencil {

using std::numbers::pi;

ManufacturedPoisson::ManufacturedPoisson(const grid::Index3 &global_points) : n_(global_points) {
  for (int d = 0; d < 3; ++d) {
    h_[d] = 1.0 / static_cast<double>(n_[d] + 1);
    sines_[d].resize(static_cast<std::size_t>(n_[d] + 2));
    double max_sin = 0, sum_sin2 = 0;
    for (long g = 0; g <= n_[d] + 1; ++g) {
      // sin(pi) is not exactly 0 in floating point; the boundary is.
      const double s = (g == 0 || g == n_[d] + 1) ? 0.0 : std::sin(pi * g * h_[d]);
      sines_[d][static_cast<std::size_t>(g)] = s;
      max_sin = std::max(max_sin, s);
      sum_sin2 += s * s;
    }
    max_s_ *= max_sin;
    sum_s2_ *= sum_sin2;
    const double inv_h2 = 1.0 / (h_[d] * h_[d]);
    const double half_sin = std::sin(pi * h_[d] / 2);
    lambda_h_ += 4 * half_sin * half_sin * inv_h2;  // (2 - 2 cos(pi h)) / h^2 without cancellation
    diag_ += 2 * inv_h2;
  }
  rho_ = 1 - lambda_h_ / diag_;
  c_ = 3 * pi * pi / lambda_h_;
}

JacobiWeights ManufacturedPoisson::weights() const {
  JacobiWeights w{};
  for (int d = 0; d < 3; ++d) w.w[d] = 1.0 / (h_[d] * h_[d]) / diag_;
  w.diag = diag_;
  return w;
}

double ManufacturedPoisson::sine(int dim, long g) const {
  return sines_[dim][static_cast<std::size_t>(g)];
}

double ManufacturedPoisson::source(long gi, long gj, long gk) const {
  return 3 * pi * pi * exact(gi, gj, gk);
}

double ManufacturedPoisson::rho_pow(long k) const {
  return std::exp(static_cast<double>(k) * std::log1p(-lambda_h_ / diag_));
}

double ManufacturedPoisson::predicted_max_error(long sweeps) const {
  return std::abs((1 - rho_pow(sweeps)) * c_ - 1) * max_s_;
}

double ManufacturedPoisson::predicted_residual_l2(long iterate) const {
  return rho_pow(iterate) * 3 * pi * pi * std::sqrt(sum_s2_);
}

double ManufacturedPoisson::solution_l2() const {
  return c_ * std::sqrt(sum_s2_);
}

}  // namespace hpcpat::stencil
