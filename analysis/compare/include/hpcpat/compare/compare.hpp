// A regression check: BASE and NEW measurements paired by configuration, each pair tested and
// judged (regression, improvement, no change, too few repeats). Methods: docs/compare.md.
//
// Public interface for the command and the report: compare() then compare_json() (schema
// schemas/compare.v1.schema.json); check_references() (references.hpp) adds reference checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hpcpat/compare/measurements.hpp"
#include "hpcpat/compare/stats.hpp"

namespace hpcpat::compare {

enum class Test { mann_whitney, welch };  // which test's p decides significance
std::string_view test_name(Test t);       // "mann-whitney", "welch"

struct CompareOptions {
  double threshold = 0.05;      // the smallest relative change of the median that matters
  double alpha = 0.05;          // significance level of the deciding test
  std::size_t min_repeats = 4;  // per side; 4 against 4 is the fewest where an exact two-sided
                                // Mann–Whitney p can fall below 0.05 (2/70 = 0.029)
  Test test = Test::mann_whitney;
  int resamples = 2000;           // bootstrap draws for the interval of the relative change
  std::uint64_t seed = 20261207;  // the bootstrap's fixed seed
};

enum class Verdict { regression, improvement, no_change, too_few_repeats };
std::string_view verdict_name(
    Verdict v);  // "regression", "improvement", "no change", "too few repeats"

struct PairResult {
  const Series *base = nullptr, *next = nullptr;  // into the compared sets
  std::optional<double> median_base, median_next;
  std::optional<double> change;  // median(NEW) / median(BASE) - 1; none when BASE's median is 0
  Interval change_ci;            // bootstrap, at 1 - alpha
  MannWhitney mann_whitney;      // NEW against BASE
  Welch welch;                   // mean(NEW) - mean(BASE)
  double p = 1;                  // the deciding test's
  Verdict verdict = Verdict::too_few_repeats;
  std::string reason;  // why this verdict, in a few words
};

struct Comparison {
  const MeasurementSet *base = nullptr, *next = nullptr;
  CompareOptions options;
  std::vector<PairResult> pairs;                     // in NEW's order of configurations
  std::vector<const Series *> only_base, only_next;  // configurations without a partner
};

// The verdict of one pair from its figures (exposed so that it can be tested on its own):
// too few repeats when a side has fewer than min_repeats values, or when the deciding test cannot
// reach alpha at these sizes (Mann–Whitney's smallest p); else regression when p < alpha and the
// change is at least threshold in the metric's bad direction; improvement likewise in the good
// direction; no change otherwise (a significant change smaller than the threshold included).
Verdict judge(std::size_t n_base, std::size_t n_next, std::optional<double> change, double p,
              bool higher_better, const CompareOptions &o, std::string *reason = nullptr);

// Pairs series with equal keys. The sets must be of one metric (InputError otherwise); the result
// points into both, which must outlive it.
Comparison compare(const MeasurementSet &base, const MeasurementSet &next,
                   const CompareOptions &options);

// Whether any pair is a regression.
bool has_regression(const Comparison &c);

}  // namespace hpcpat::compare
