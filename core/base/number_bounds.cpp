#include "hpcpat/base/number_bounds.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace hpcpat::base {
namespace {

// Shortest text that reads back as `v` for the bounds we use (0, 1, 0.999, 1e-300).
std::string plain(double v) {
  std::ostringstream out;
  out.precision(15);
  out << v;
  return out.str();
}

std::string got(const std::string &text) { return ", got '" + text + "'"; }

}  // namespace

std::string why_not_integer(const std::string &text, long long min, long long max) {
  const std::string expected =
      max == kNoUpperBound
          ? "expected an integer >= " + std::to_string(min)
          : "expected an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (text.empty()) return expected + got(text);
  char *end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || *end != '\0' || v < min || v > max) return expected + got(text);
  return "";
}

std::string why_not_real(const std::string &text, double min, bool min_included, double max) {
  std::string expected;
  if (std::isinf(max)) {
    expected = (min == 0 && !min_included) ? "expected a positive number"
                                           : "expected a number " +
                                                 std::string(min_included ? ">= " : "> ") +
                                                 plain(min);
  } else {
    expected = "expected a number in " + std::string(min_included ? "[" : "(") + plain(min) +
               ", " + plain(max) + "]";
  }
  if (text.empty()) return expected + got(text);
  char *end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  const bool above = min_included ? v >= min : v > min;
  if (errno != 0 || *end != '\0' || !std::isfinite(v) || !above || v > max)
    return expected + got(text);
  return "";
}

}  // namespace hpcpat::base
