// Householder QR least squares (Golub & Van Loan, alg. 5.3.2): X = QR, coef = R⁻¹Qᵀy, and the
// covariance σ²(XᵀX)⁻¹ = σ²R⁻¹R⁻ᵀ for the standard errors.
#include "hpcpat/models/least_squares.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstddef>

namespace hpcpat::models {

LinearFit least_squares(std::span<const std::vector<double>> rows, std::span<const double> y) {
  LinearFit fit;
  const std::size_t m = rows.size();
  const std::size_t k = m == 0 ? 0 : rows[0].size();
  if (m == 0 || k == 0 || m < k || y.size() != m) return fit;
  std::vector<std::vector<double>> a(k, std::vector<double>(m));  // columns, so QR works in place
  for (std::size_t i = 0; i < m; ++i) {
    if (rows[i].size() != k) return fit;
    for (std::size_t j = 0; j < k; ++j) a[j][i] = rows[i][j];
  }
  std::vector<double> qty(y.begin(), y.end());
  double column_scale = 0;
  for (std::size_t j = 0; j < k; ++j) {
    double norm = 0;
    for (std::size_t i = j; i < m; ++i) norm += a[j][i] * a[j][i];
    norm = std::sqrt(norm);
    double whole = 0;  // the column's size, to judge dependence relative to it
    for (std::size_t i = 0; i < m; ++i) whole = std::max(whole, std::fabs(a[j][i]));
    column_scale = std::max(column_scale, whole);
    if (norm <= 1e-12 * std::max(whole, 1e-300)) return fit;  // dependent on earlier columns
    const double alpha = a[j][j] > 0 ? -norm : norm;
    std::vector<double> v(m, 0.0);
    v[j] = a[j][j] - alpha;
    for (std::size_t i = j + 1; i < m; ++i) v[i] = a[j][i];
    double vv = 0;
    for (std::size_t i = j; i < m; ++i) vv += v[i] * v[i];
    const auto reflect = [&](std::vector<double> &col) {
      double dot = 0;
      for (std::size_t i = j; i < m; ++i) dot += v[i] * col[i];
      const double f = 2 * dot / vv;
      for (std::size_t i = j; i < m; ++i) col[i] -= f * v[i];
    };
    if (vv > 0) {
      for (std::size_t c = j; c < k; ++c) reflect(a[c]);
      reflect(qty);
    }
  }
  // Back substitution: R is a[c][r] for r <= c.
  fit.coef.assign(k, 0.0);
  for (std::size_t r = k; r-- > 0;) {
    double s = qty[r];
    for (std::size_t c = r + 1; c < k; ++c) s -= a[c][r] * fit.coef[c];
    fit.coef[r] = s / a[r][r];
  }
  fit.fitted.resize(m);
  fit.residuals.resize(m);
  for (std::size_t i = 0; i < m; ++i) {
    double f = 0;
    for (std::size_t j = 0; j < k; ++j) f += rows[i][j] * fit.coef[j];
    fit.fitted[i] = f;
    fit.residuals[i] = y[i] - f;
    fit.rss += fit.residuals[i] * fit.residuals[i];
  }
  fit.r2 = r_squared(y, fit.fitted);
  fit.dof = static_cast<int>(m - k);
  if (fit.dof > 0) {
    // R⁻¹ (upper triangular), then the diagonal of R⁻¹R⁻ᵀ.
    std::vector<std::vector<double>> rinv(k, std::vector<double>(k, 0.0));
    for (std::size_t c = 0; c < k; ++c) {
      rinv[c][c] = 1.0 / a[c][c];
      for (std::size_t r = c; r-- > 0;) {
        double s = 0;
        for (std::size_t t = r + 1; t <= c; ++t) s += a[t][r] * rinv[t][c];
        rinv[r][c] = -s / a[r][r];
      }
    }
    const double sigma2 = fit.rss / fit.dof;
    for (std::size_t r = 0; r < k; ++r) {
      double s = 0;
      for (std::size_t c = r; c < k; ++c) s += rinv[r][c] * rinv[r][c];
      fit.std_error.push_back(std::sqrt(sigma2 * s));
    }
  }
  fit.ok = std::all_of(fit.coef.begin(), fit.coef.end(), [](double c) { return std::isfinite(c); });
  return fit;
}

std::optional<double> ci95_half_width(double se, int dof) {
  if (dof < 1 || !std::isfinite(se)) return std::nullopt;
  const boost::math::students_t t(dof);
  return boost::math::quantile(boost::math::complement(t, 0.025)) * se;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + mid, values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + mid);
  return (lower + upper) / 2;
}

double r_squared(std::span<const double> measured, std::span<const double> fitted) {
  if (measured.empty()) return 0;
  double mean = 0;
  for (double v : measured) mean += v;
  mean /= static_cast<double>(measured.size());
  double rss = 0, tss = 0;
  for (std::size_t i = 0; i < measured.size(); ++i) {
    rss += (measured[i] - fitted[i]) * (measured[i] - fitted[i]);
    tss += (measured[i] - mean) * (measured[i] - mean);
  }
  if (tss == 0) return rss == 0 ? 1.0 : 0.0;
  return 1 - rss / tss;
}

}  // namespace hpcpat::models
