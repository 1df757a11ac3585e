// Fitting one part of a duration model, y ≈ a + b·d·s^p·n^(−q): for fixed exponents the model is
// linear in (a, b), so the exponents are searched on a grid (coarse, then fine around the best)
// and (a, b) solved by least squares at each; the pair with the least residual sum wins.
#pragma once

#include <optional>
#include <span>

#include "hpcpat/models/duration_model.hpp"

namespace hpcpat::models {

struct LawPoint {
  double d = 0, s = 1, n = 1;
};

// Bounds of the exponent search (docs/models.md says why these).
inline constexpr double kSizeExponentMin = 0, kSizeExponentMax = 4;
inline constexpr double kNodeExponentMin = -1, kNodeExponentMax = 2;

// Weighted least squares: each point's squared residual counts weight² times (the models give
// 1/wall, so that relative errors are minimised: a run's noise grows with its length).
// None when the points cannot determine the law (fewer than its parameters, or d·s^p·n^(−q)
// constant at every exponent tried).
std::optional<PowerLaw> fit_power_law(std::span<const LawPoint> x, std::span<const double> y,
                                      std::span<const double> weight, bool fit_p, bool fit_q);

}  // namespace hpcpat::models
