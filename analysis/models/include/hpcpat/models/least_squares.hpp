// Ordinary least squares for the few parameters the models fit (an intercept and a slope or two):
// Householder QR on the design matrix, never the normal equations, so a badly scaled column (a
// size raised to a power) loses no more precision than the data holds.
#pragma once

#include <optional>
#include <span>
#include <vector>

namespace hpcpat::models {

struct LinearFit {
  bool ok = false;                // false: fewer rows than columns, or the columns dependent
  std::vector<double> coef;       // one per column of the design matrix
  std::vector<double> std_error;  // empty when the fit has no degrees of freedom left
  std::vector<double> fitted, residuals;  // per row
  double rss = 0;                         // residual sum of squares
  double r2 = 0;                          // 1 − rss/tss (1 when y is constant and fitted exactly)
  int dof = 0;                            // rows − columns
};

// Fits y ≈ X·coef; `rows` holds X row by row (all of one width, at most a handful of columns).
LinearFit least_squares(std::span<const std::vector<double>> rows, std::span<const double> y);

// The two-sided 95% interval's half-width of a coefficient with standard error `se` and `dof`
// degrees of freedom (Student's t, Boost.Math); none when dof < 1.
std::optional<double> ci95_half_width(double se, int dof);

// The median of the values (the mean of the middle two for an even count); 0 for none.
double median(std::vector<double> values);

// R² of `fitted` against `measured`: 1 − rss/tss (1 when both agree exactly, even if constant).
double r_squared(std::span<const double> measured, std::span<const double> fitted);

}  // namespace hpcpat::models
