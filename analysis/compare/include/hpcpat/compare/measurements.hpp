// What a regression check compares: one metric's values per configuration, from a study's runs
// (analysis/runs) or from a Google Benchmark JSON file (google_benchmark.hpp).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hpcpat/runs/run_sample.hpp"

namespace hpcpat::compare {

// wall: the job's wall time (s, lower is better); fom: the app's figure of merit (higher is
// better); mpi_fraction: the median over ranks of MPI time / wall time (lower is better).
// Google Benchmark files: wall is real_time (the file's time_unit), fom is items_per_second, else
// bytes_per_second.
enum class Metric { wall, fom, mpi_fraction };
std::string_view metric_name(Metric m);                  // "wall", "fom", "mpi-fraction"
std::optional<Metric> parse_metric(std::string_view s);  // the names above
bool higher_is_better(Metric m);
std::string unit_of(Metric m);  // of a study's runs: "s", "1" (a fraction), "" (a figure of merit)

// The repeats of one configuration.
struct Series {
  std::string key;        // what pairs BASE with NEW (runs::config_key, or the benchmark's name)
  std::string case_name;  // the study's case, or the benchmark's run_name
  std::optional<int> nodes, ranks;                       // none for a Google Benchmark
  nlohmann::json parameters = nlohmann::json::object();  // the case's parameters
  std::vector<double> values;                            // one per repeat, in input order
  std::size_t left_out = 0;                              // runs not ok, or without this metric
};

struct MeasurementSet {
  std::string source;  // as given on the command line, for the table and messages
  Metric metric = Metric::wall;
  std::string unit;  // "s", "1" (a fraction), the benchmark's unit; "" for a figure of merit
  std::vector<Series> series;  // in the order of their first run
};

// The ok runs' values of `metric`, one series per configuration (runs::config_key of each run
// with the parameters named in `ignore` removed first, so that a deliberate change of that knob
// between BASE and NEW still pairs). Runs not ok or without the metric count as left_out.
MeasurementSet measurements_of_runs(std::span<const runs::RunSample> samples, Metric metric,
                                    std::span<const std::string> ignore, std::string source);

}  // namespace hpcpat::compare
