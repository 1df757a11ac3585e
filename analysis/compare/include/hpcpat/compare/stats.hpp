// The statistics of a regression check between two samples of one configuration (BASE and NEW
// repeats): Mann–Whitney U, Welch's t, and a bootstrap interval of the relative change of medians.
// Distributions come from Boost.Math; only the exact Mann–Whitney distribution (a counting
// recurrence, no special function) is computed here. Methods and their limits: docs/compare.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace hpcpat::compare {

// Mann–Whitney U (Wilcoxon rank-sum) of x against y, two-sided, as R's wilcox.test computes it.
struct MannWhitney {
  double u = 0;        // U of x: pairs (x_i > y_j) plus half the ties (R's W)
  double p = 1;        // two-sided
  bool exact = false;  // exact distribution (both samples < 50, no ties); else normal approximation
};
// Exact when both samples have fewer than 50 values and no value is tied; otherwise the normal
// approximation with the tie correction of the variance and a continuity correction of 0.5.
// Empty x or y: p = 1.
MannWhitney mann_whitney(std::span<const double> x, std::span<const double> y);
// The smallest two-sided p the exact test can give for samples of these sizes, 2 / C(n1+n2, n1):
// below alpha, or the test can never call a difference significant (3 against 3: 0.1).
double mann_whitney_min_p(std::size_t n1, std::size_t n2);

// Welch's unequal-variances t-test of mean(x) - mean(y), two-sided, with the Welch–Satterthwaite
// degrees of freedom. Needs two values per sample; with none of spread (both variances 0), t is 0
// and p 1 when the means agree, else t is ±inf and p 0.
struct Welch {
  double t = 0, df = 0, p = 1;
  bool defined = false;  // false when a sample has fewer than 2 values (t, df, p meaningless)
};
Welch welch_t(std::span<const double> x, std::span<const double> y);

double median(std::span<const double> values);  // of a non-empty sample
double mean(std::span<const double> values);

// A percentile-bootstrap interval of median(next) / median(base) - 1 at `level` (e.g. 0.95):
// `resamples` draws of each sample with replacement from a mt19937_64 seeded with `seed`, so the
// same inputs and seed give the same interval on every run. Invalid when a resampled base median
// is 0 (the ratio is then undefined).
struct Interval {
  double low = 0, high = 0;
  bool valid = false;
};
Interval bootstrap_relative_change(std::span<const double> base, std::span<const double> next,
                                   double level, int resamples, std::uint64_t seed);

}  // namespace hpcpat::compare
