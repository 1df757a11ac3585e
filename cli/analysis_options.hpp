// What the analysis commands (compare, history) share on the command line and in their tables:
// the --metric option and a figure rounded for a text cell.
#pragma once

#include <CLI/CLI.hpp>
#include <cmath>
#include <optional>
#include <string>

#include "hpcpat/store/index_row.hpp"

namespace hpcpat::cli {

// --metric wall|fom|mpi-fraction (analysis/compare's metric names), default wall.
inline CLI::Option *add_metric_option(CLI::App *app, std::string &metric) {
  return app->add_option("--metric", metric, "wall (default), fom or mpi-fraction")
      ->check(CLI::IsMember({"wall", "fom", "mpi-fraction"}));
}

// v × scale to `decimals` places (four: enough to tell runs apart in a table; percents take one).
// JSON keeps every digit.
inline store::Cell rounded_cell(std::optional<double> v, double scale = 1, int decimals = 4) {
  if (!v || !std::isfinite(*v)) return {};
  const double unit = std::pow(10.0, decimals);
  return std::round(*v * scale * unit) / unit;
}

}  // namespace hpcpat::cli
