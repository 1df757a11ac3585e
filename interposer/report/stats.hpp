// Descriptive statistics over ranks, as the profile defines them: population standard deviation
// (the ranks are the whole population, not a sample), median of an even count = mean of the two
// middle values, coefficient of variation = stdev / mean (0 when the mean is 0).
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace hpcpat::pmpi::report {

struct Describe {
  double min = 0, median = 0, mean = 0, max = 0, stdev = 0;
  double cov() const { return mean > 0 ? stdev / mean : 0.0; }
};

inline Describe describe(std::vector<double> v) {
  Describe d;
  if (v.empty()) return d;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  d.min = v.front();
  d.max = v.back();
  d.median = n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
  double sum = 0;
  for (const double x : v) sum += x;
  d.mean = sum / static_cast<double>(n);
  double sq = 0;
  for (const double x : v) sq += (x - d.mean) * (x - d.mean);
  d.stdev = std::sqrt(sq / static_cast<double>(n));
  return d;
}

}  // namespace hpcpat::pmpi::report
