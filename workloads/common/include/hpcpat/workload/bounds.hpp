// CLI11 validators with readable bounds for the apps' and kernels' options: "--n: expected an
// integer from 1 to 100000, got '0'" rather than CLI11's Range/PositiveNumber text, which prints
// DBL_MAX in full. The wording is core/base's (number_bounds.hpp), shared with `hpcpat`.
#pragma once

#include <CLI/CLI.hpp>
#include <limits>
#include <sstream>
#include <string>

#include "hpcpat/base/number_bounds.hpp"

namespace hpcpat::app {

inline std::string plain_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

// An integer in [min, max]; --help shows e.g. "INT:1..100000=64" (type, bounds, default).
inline CLI::Validator integer_in(long long min, long long max) {
  return CLI::Validator(
      [min, max](std::string &text) { return base::why_not_integer(text, min, max); },
      std::to_string(min) + ".." + std::to_string(max));
}

// An integer >= min ("INT:>=1").
inline CLI::Validator at_least(long long min) {
  return CLI::Validator(
      [min](std::string &text) { return base::why_not_integer(text, min); },
      ">=" + std::to_string(min));
}

// A finite number > 0.
inline CLI::Validator positive_real() {
  return CLI::Validator(
      [](std::string &text) { return base::why_not_real(text, 0, false); }, "POSITIVE");
}

// A finite number >= 0.
inline CLI::Validator non_negative_real() {
  return CLI::Validator(
      [](std::string &text) { return base::why_not_real(text, 0, true); }, ">=0");
}

// A number in [min, max], or (min, max] when `min_included` is false.
inline CLI::Validator real_in(double min, double max, bool min_included = true) {
  return CLI::Validator(
      [=](std::string &text) { return base::why_not_real(text, min, min_included, max); },
      (min_included ? "[" : "(") + plain_number(min) + "," + plain_number(max) + "]");
}

}  // namespace hpcpat::app
