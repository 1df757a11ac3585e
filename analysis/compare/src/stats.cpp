// Mann–Whitney U, Welch's t and the bootstrap (stats.hpp). The normal and Student's t
// distributions are Boost.Math's; the exact U distribution is the classic counting recurrence.
#include "hpcpat/compare/stats.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace hpcpat::compare {
namespace {

// R's wilcox.test uses the exact distribution below 50 values per sample and without ties.
constexpr std::size_t kExactBelow = 50;

// P(U = u) for u = 0..m*n under H0, by P_{m,n}(u) = m/(m+n) P_{m-1,n}(u-n) + n/(m+n) P_{m,n-1}(u)
// (the largest of all m+n values lies in x, adding n to U, or in y). Probabilities, not counts,
// so nothing overflows. prev[j] holds P_{i-1,j}, row P_{i,j} built for j = 0..n.
std::vector<double> exact_u_distribution(std::size_t m, std::size_t n) {
  std::vector<std::vector<double>> prev(n + 1, std::vector<double>{1.0});  // P_{0,j}: U = 0
  for (std::size_t i = 1; i <= m; ++i) {
    std::vector<std::vector<double>> row(n + 1);
    row[0] = std::vector<double>(1, 1.0);  // P_{i,0}: U = 0
    for (std::size_t j = 1; j <= n; ++j) {
      std::vector<double> p(i * j + 1, 0.0);
      const double wx = static_cast<double>(i) / static_cast<double>(i + j);
      const double wy = static_cast<double>(j) / static_cast<double>(i + j);
      for (std::size_t u = 0; u < prev[j].size(); ++u) p[u + j] += wx * prev[j][u];
      for (std::size_t u = 0; u < row[j - 1].size(); ++u) p[u] += wy * row[j - 1][u];
      row[j] = std::move(p);
    }
    prev = std::move(row);
  }
  return prev[n];
}

}  // namespace

double median(std::span<const double> values) {
  std::vector<double> v(values.begin(), values.end());
  std::sort(v.begin(), v.end());
  const std::size_t k = v.size() / 2;
  return v.size() % 2 == 1 ? v[k] : 0.5 * (v[k - 1] + v[k]);
}

double mean(std::span<const double> values) {
  double sum = 0;
  for (double x : values) sum += x;
  return sum / static_cast<double>(values.size());
}

MannWhitney mann_whitney(std::span<const double> x, std::span<const double> y) {
  MannWhitney r;
  if (x.empty() || y.empty()) return r;
  const std::size_t m = x.size(), n = y.size();
  // Midranks over the pooled sample; tie groups kept for the variance's correction.
  std::vector<std::pair<double, bool>> pooled;  // value, from x
  for (double v : x) pooled.emplace_back(v, true);
  for (double v : y) pooled.emplace_back(v, false);
  std::sort(pooled.begin(), pooled.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
  double rank_sum_x = 0, tie_term = 0;
  bool ties = false;
  for (std::size_t i = 0; i < pooled.size();) {
    std::size_t j = i;
    while (j < pooled.size() && pooled[j].first == pooled[i].first) ++j;
    const double midrank = 0.5 * static_cast<double>(i + 1 + j);  // ranks i+1..j
    const double t = static_cast<double>(j - i);
    ties = ties || t > 1;
    tie_term += t * t * t - t;
    for (std::size_t k = i; k < j; ++k) {
      if (pooled[k].second) rank_sum_x += midrank;
    }
    i = j;
  }
  const double dm = static_cast<double>(m), dn = static_cast<double>(n);
  r.u = rank_sum_x - dm * (dm + 1) / 2;
  if (m < kExactBelow && n < kExactBelow && !ties) {
    r.exact = true;
    const std::vector<double> p = exact_u_distribution(m, n);
    const auto u = static_cast<std::size_t>(std::llround(r.u));
    double tail = 0;
    if (r.u > dm * dn / 2) {
      for (std::size_t k = u; k < p.size(); ++k) tail += p[k];  // P(U >= u)
    } else {
      for (std::size_t k = 0; k <= u; ++k) tail += p[k];  // P(U <= u)
    }
    r.p = std::min(1.0, 2 * tail);
    return r;
  }
  const double total = dm + dn;
  const double sigma = std::sqrt(dm * dn / 12 * ((total + 1) - tie_term / (total * (total - 1))));
  if (!(sigma > 0)) return r;  // every value tied: no evidence either way
  double z = r.u - dm * dn / 2;
  z = (z - (z > 0 ? 0.5 : z < 0 ? -0.5 : 0.0)) / sigma;
  const boost::math::normal standard;
  r.p = std::min(1.0, 2 * boost::math::cdf(boost::math::complement(standard, std::fabs(z))));
  return r;
}

double mann_whitney_min_p(std::size_t n1, std::size_t n2) {
  // 2 / C(n1+n2, n1), as a running product so large sizes underflow to 0 instead of overflowing.
  double inverse = 1;
  for (std::size_t k = 1; k <= n2; ++k) {
    inverse *= static_cast<double>(k) / static_cast<double>(n1 + k);
  }
  return std::min(1.0, 2 * inverse);
}

Welch welch_t(std::span<const double> x, std::span<const double> y) {
  Welch w;
  if (x.size() < 2 || y.size() < 2) return w;
  w.defined = true;
  const double nx = static_cast<double>(x.size()), ny = static_cast<double>(y.size());
  const double mx = mean(x), my = mean(y);
  double ssx = 0, ssy = 0;
  for (double v : x) ssx += (v - mx) * (v - mx);
  for (double v : y) ssy += (v - my) * (v - my);
  const double vx = ssx / (nx - 1) / nx, vy = ssy / (ny - 1) / ny;  // squared standard errors
  if (!(vx + vy > 0)) {
    w.df = nx + ny - 2;
    w.t = mx == my ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), mx - my);
    w.p = mx == my ? 1.0 : 0.0;
    return w;
  }
  w.t = (mx - my) / std::sqrt(vx + vy);
  w.df = (vx + vy) * (vx + vy) / (vx * vx / (nx - 1) + vy * vy / (ny - 1));
  const boost::math::students_t dist(w.df);
  w.p = std::min(1.0, 2 * boost::math::cdf(boost::math::complement(dist, std::fabs(w.t))));
  return w;
}

Interval bootstrap_relative_change(std::span<const double> base, std::span<const double> next,
                                   double level, int resamples, std::uint64_t seed) {
  Interval r;
  if (base.empty() || next.empty() || resamples < 2) return r;
  std::mt19937_64 rng(seed);
  // Index draws by modulo: the engine's output is specified by the standard, so the interval is
  // the same with every standard library (uniform_int_distribution's algorithm is not).
  const auto draw = [&rng](std::span<const double> sample, std::vector<double> &out) {
    out.resize(sample.size());
    for (double &v : out) v = sample[rng() % sample.size()];
    return median(out);
  };
  std::vector<double> ratios, scratch;
  ratios.reserve(static_cast<std::size_t>(resamples));
  for (int i = 0; i < resamples; ++i) {
    const double b = draw(base, scratch);
    const double n = draw(next, scratch);
    if (b == 0) return r;
    ratios.push_back(n / b - 1);
  }
  std::sort(ratios.begin(), ratios.end());
  const double tail = (1 - level) / 2;
  const auto at = [&ratios](double q) {
    const double pos = q * static_cast<double>(ratios.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, ratios.size() - 1);
    return ratios[lo] + (pos - static_cast<double>(lo)) * (ratios[hi] - ratios[lo]);
  };
  r.low = at(tail);
  r.high = at(1 - tail);
  r.valid = true;
  return r;
}

}  // namespace hpcpat::compare
