// ReFrame-style references: a configuration's expected value with relative bounds,
// (value, lower, upper, unit), read from YAML and checked against NEW's median.
//
//   references:
//     - case: stencil          # required: the case (a Google Benchmark: its run_name)
//       nodes: 1               # optional; so are ranks and parameters (those given must match)
//       parameters: {n: 32}
//       metric: wall           # optional: checked only when the command compares this metric
//       value: 0.8             # the reference
//       lower: -0.10           # <= 0: the lowest accepted is value + lower * |value|; null: none
//       upper: 0.10            # >= 0: the highest accepted is value + upper * |value|; null: none
//       unit: s                # must be the metric's unit where known (wall: s, mpi-fraction: 1)
//
// As ReFrame's reference tuples: (100, -0.01, 0.02) accepts 99..102, (-100, -0.01, 0.02) accepts
// -101..-98, a null bound is unbounded.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "hpcpat/compare/measurements.hpp"

namespace hpcpat::compare {

struct Reference {
  std::string where;  // "FILE:LINE" of the entry, for messages
  std::string case_name;
  std::optional<int> nodes, ranks;
  nlohmann::json parameters = nlohmann::json::object();
  std::optional<Metric> metric;
  double value = 0;
  std::optional<double> lower, upper;
  std::string unit;

  std::optional<double> lowest() const;   // value + lower * |value|
  std::optional<double> highest() const;  // value + upper * |value|
};

// Every refusal (not YAML, an unknown field, a field of the wrong type, lower > 0, upper < 0) is
// an InputError naming FILE:LINE, the field and what was expected.
std::vector<Reference> read_references(const std::filesystem::path &file);

enum class ReferenceStatus { pass, fail, missing };  // missing: no NEW series with values matches
std::string_view reference_status_name(ReferenceStatus s);

struct ReferenceCheck {
  const Reference *reference = nullptr;
  const Series *series = nullptr;  // the matching NEW series; null when missing
  std::optional<double> measured;  // its median
  ReferenceStatus status = ReferenceStatus::missing;
};

// Each reference whose metric is the set's (or unset) against every NEW series it matches (one
// check per match; one "missing" check when none does: a reference that checks nothing is a
// failure, or a renamed case would pass a gate silently). InputError when a reference's unit
// is not the set's known unit.
std::vector<ReferenceCheck> check_references(const std::vector<Reference> &references,
                                             const MeasurementSet &next);

bool references_failed(const std::vector<ReferenceCheck> &checks);  // any fail or missing

}  // namespace hpcpat::compare
