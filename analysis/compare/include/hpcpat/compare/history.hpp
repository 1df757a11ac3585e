// A case's history across the studies of a store: per configuration, one point per study (the
// metric's median over its ok runs, and the MPI fraction's), in the order the studies started,
// with change points found by binary segmentation. Method: docs/compare.md.
//
// Public interface for the command and the report: build_history() then history_json() (schema
// schemas/history.v1.schema.json, "schema": "hpcpat.history.v1").
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hpcpat/compare/measurements.hpp"
#include "hpcpat/runs/run_sample.hpp"

namespace hpcpat::compare {

inline constexpr const char *kHistorySchema = "hpcpat.history.v1";

struct ChangePointOptions {
  double alpha = 0.05;          // family-wise: each split's p times the candidate splits < alpha
  std::size_t min_segment = 2;  // studies on each side of a split
};

struct ChangePoint {
  std::size_t index = 0;         // the first point (study) of the new segment
  double p = 1;                  // the split's Mann–Whitney p, before the Bonferroni factor
  std::optional<double> change;  // median of the segment after / median of the one before - 1
};

// Binary segmentation over groups of values (one group per study, in time order): of the
// splits leaving at least min_segment groups on each side, the one with the smallest
// Mann–Whitney p between all values left and all values right is a change point when
// p × (number of candidate splits) < alpha; both sides are then searched again. The returned
// points are in index order, each change measured between its final neighbouring segments.
std::vector<ChangePoint> change_points(const std::vector<std::vector<double>> &groups,
                                       const ChangePointOptions &options);

struct HistoryPoint {
  std::string study;
  double started_epoch_s = 0;          // the study's start: its earliest run's start
  std::vector<double> values;          // the ok runs' metric values
  std::optional<double> value;         // their median
  std::optional<double> mpi_fraction;  // the median of the runs' MPI fraction medians
  std::size_t left_out = 0;            // runs not ok or without the metric
};

struct HistorySeries {
  Series config;                     // key, case, nodes, ranks, parameters (values unused)
  std::vector<HistoryPoint> points;  // by study start, then study name
  std::vector<ChangePoint> changes;  // change_points over points' values
};

struct History {
  std::string case_name;
  Metric metric = Metric::wall;
  std::string unit;
  ChangePointOptions options;
  std::vector<HistorySeries> series;  // one per configuration, in the order first seen
};

// `samples`: runs of every study in the store. Configurations are keyed as in
// measurements_of_runs, the parameters named in `ignore` left out (a knob changed between
// studies then stays one series). InputError when no run has case `case_name`, naming the cases
// there are.
History build_history(std::span<const runs::RunSample> samples, std::string_view case_name,
                      Metric metric, const ChangePointOptions &options,
                      std::span<const std::string> ignore = {});

nlohmann::json history_json(const History &h);

}  // namespace hpcpat::compare
