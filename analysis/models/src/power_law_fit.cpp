// The grid: p in steps of 0.25 over [0, 4], q over [−1, 2], then steps of 0.01 within ±0.25 of
// the best coarse pair. 0.01 in an exponent moves a prediction within a factor two of the
// measured range by at most 2^0.01 − 1 ≈ 0.7%, below the noise of a timed run.
#include "power_law_fit.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "hpcpat/models/least_squares.hpp"

namespace hpcpat::models {
namespace {

std::vector<double> grid(double lo, double hi, double step) {
  std::vector<double> g;
  const int n = static_cast<int>(std::lround((hi - lo) / step));
  for (int i = 0; i <= n; ++i) g.push_back(lo + i * step);
  return g;
}

struct Data {
  std::span<const LawPoint> x;
  std::span<const double> y, w;
};

// Rows and values scaled by the weights: ordinary least squares on them is the weighted fit.
LinearFit fit_at(const Data &data, double p, double q) {
  std::vector<std::vector<double>> rows;
  std::vector<double> wy;
  rows.reserve(data.x.size());
  for (std::size_t i = 0; i < data.x.size(); ++i) {
    const LawPoint &pt = data.x[i];
    const double w = data.w[i];
    rows.push_back({w, w * pt.d * std::pow(pt.s, p) * std::pow(pt.n, -q)});
    wy.push_back(w * data.y[i]);
  }
  return least_squares(rows, wy);
}

struct Best {
  double p = 0, q = 0, rss = INFINITY;
};

void search(const Data &data, const std::vector<double> &ps, const std::vector<double> &qs,
            Best &best) {
  for (double p : ps) {
    for (double q : qs) {
      const LinearFit f = fit_at(data, p, q);
      if (f.ok && f.rss < best.rss) best = {p, q, f.rss};
    }
  }
}

std::vector<double> around(double centre, double lo, double hi) {
  std::vector<double> g;
  for (double v : grid(centre - 0.25, centre + 0.25, 0.01))
    if (v >= lo - 1e-9 && v <= hi + 1e-9) g.push_back(std::clamp(v, lo, hi));
  return g;
}

}  // namespace

double PowerLaw::at(double d, double s, double n) const {
  return a + b * d * std::pow(s, p) * std::pow(n, -q);
}

std::optional<PowerLaw> fit_power_law(std::span<const LawPoint> x, std::span<const double> y,
                                      std::span<const double> weight, bool fit_p, bool fit_q) {
  const Data data{x, y, weight};
  PowerLaw law;
  law.p_fitted = fit_p;
  law.q_fitted = fit_q;
  law.parameters = 2 + (fit_p ? 1 : 0) + (fit_q ? 1 : 0);
  if (static_cast<int>(x.size()) < law.parameters) return std::nullopt;
  const std::vector<double> fixed{0.0};
  Best best;
  search(data, fit_p ? grid(kSizeExponentMin, kSizeExponentMax, 0.25) : fixed,
         fit_q ? grid(kNodeExponentMin, kNodeExponentMax, 0.25) : fixed, best);
  if (!std::isfinite(best.rss)) return std::nullopt;
  if (fit_p || fit_q) {
    search(data, fit_p ? around(best.p, kSizeExponentMin, kSizeExponentMax) : fixed,
           fit_q ? around(best.q, kNodeExponentMin, kNodeExponentMax) : fixed, best);
  }
  const LinearFit f = fit_at(data, best.p, best.q);
  law.a = f.coef[0];
  law.b = f.coef[1];
  law.p = best.p;
  law.q = best.q;
  law.p_at_bound =
      fit_p && (best.p <= kSizeExponentMin + 1e-9 || best.p >= kSizeExponentMax - 1e-9);
  law.q_at_bound =
      fit_q && (best.q <= kNodeExponentMin + 1e-9 || best.q >= kNodeExponentMax - 1e-9);
  std::vector<double> fitted;
  for (const LawPoint &pt : x) fitted.push_back(law.at(pt.d, pt.s, pt.n));
  law.r2 = r_squared(y, fitted);  // of the part's own seconds, unweighted
  // The intervals treat the exponents as known: the dof left after all the law's parameters.
  const int dof = static_cast<int>(x.size()) - law.parameters;
  if (f.std_error.size() == 2 && dof >= 1) {
    const double rescale = std::sqrt(static_cast<double>(f.dof) / dof);  // σ² = rss / dof
    law.a_ci95 = ci95_half_width(f.std_error[0] * rescale, dof);
    law.b_ci95 = ci95_half_width(f.std_error[1] * rescale, dof);
  }
  return law;
}

}  // namespace hpcpat::models
