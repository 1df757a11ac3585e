// Readable bounds for numbers typed on a command line. CLI11's Range/PositiveNumber validators
// print their bounds in full ("not in range [0 - 1.79769e+308]"); these say what is expected in
// words ("expected a positive number, got '0'"). The CLI11 wrappers live with their users
// (workloads/common for the apps and kernels, cli/ for hpcpat); the wording lives here, once.
#pragma once

#include <limits>
#include <string>

namespace hpcpat::base {

inline constexpr long long kNoUpperBound = std::numeric_limits<long long>::max();

// "" when `text` is a whole decimal integer in [min, max]; otherwise "expected an integer >= min,
// got 'text'" (no upper bound) or "expected an integer from min to max, got 'text'".
std::string why_not_integer(const std::string &text, long long min, long long max = kNoUpperBound);

// "" when `text` is a finite number above `min` (or equal to it when `min_included`) and at most
// `max`; otherwise "expected a positive number, got 'text'" (min 0 excluded, no max), "expected a
// number >= 0, got ...", or "expected a number in (0, 1], got ...". max = infinity: no upper bound.
std::string why_not_real(const std::string &text, double min, bool min_included,
                         double max = std::numeric_limits<double>::infinity());

}  // namespace hpcpat::base
