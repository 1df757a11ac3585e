// hpcpat's numeric options with readable bounds ("--top: expected an integer >= 0, got '-3'"),
// worded by core/base's number_bounds.hpp as the apps' are; CLI11's NonNegativeNumber printed
// DBL_MAX in full.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "hpcpat/base/number_bounds.hpp"

namespace hpcpat::cli {

inline CLI::Validator integer_at_least(long long min) {
  return CLI::Validator([min](std::string &text) { return base::why_not_integer(text, min); },
                        ">=" + std::to_string(min));
}

}  // namespace hpcpat::cli
