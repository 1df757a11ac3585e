// A study's runs as one metric's values per configuration (measurements.hpp).
#include "hpcpat/compare/measurements.hpp"

#include <map>

namespace hpcpat::compare {

std::string_view metric_name(Metric m) {
  switch (m) {
    case Metric::wall:
      return "wall";
    case Metric::fom:
      return "fom";
    case Metric::mpi_fraction:
      return "mpi-fraction";
  }
  return "wall";
}

std::optional<Metric> parse_metric(std::string_view s) {
  for (Metric m : {Metric::wall, Metric::fom, Metric::mpi_fraction}) {
    if (s == metric_name(m)) return m;
  }
  return std::nullopt;
}

bool higher_is_better(Metric m) {
  return m == Metric::fom;
}

std::string unit_of(Metric m) {
  // Built from a string_view: GCC 12 warns falsely (-Wrestrict) on assigning a literal here.
  std::string_view unit;
  if (m == Metric::wall) unit = "s";
  if (m == Metric::mpi_fraction) unit = "1";
  return std::string(unit);
}

namespace {

std::optional<double> value_of(const runs::RunSample &r, Metric m) {
  switch (m) {
    case Metric::wall:
      return r.wall_s;
    case Metric::fom:
      return r.fom_value;
    case Metric::mpi_fraction:
      return r.mpi_fraction_median;
  }
  return std::nullopt;
}

}  // namespace

MeasurementSet measurements_of_runs(std::span<const runs::RunSample> samples, Metric metric,
                                    std::span<const std::string> ignore, std::string source) {
  MeasurementSet set;
  set.source = std::move(source);
  set.metric = metric;
  set.unit = unit_of(metric);
  std::map<std::string, std::size_t> index;
  for (const runs::RunSample &sample : samples) {
    runs::RunSample keyed = sample;
    for (const std::string &name : ignore) keyed.parameters.erase(name);
    const std::string key = runs::config_key(keyed);
    auto [it, added] = index.try_emplace(key, set.series.size());
    if (added) {
      Series s;
      s.key = key;
      s.case_name = sample.case_name;
      s.nodes = sample.nodes;
      s.ranks = sample.ranks;
      s.parameters = keyed.parameters;
      set.series.push_back(std::move(s));
    }
    Series &s = set.series[it->second];
    const std::optional<double> v = value_of(sample, metric);
    if (sample.ok() && v) {
      s.values.push_back(*v);
    } else {
      ++s.left_out;
    }
  }
  return set;
}

}  // namespace hpcpat::compare
