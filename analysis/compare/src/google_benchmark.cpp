// Google Benchmark's JSON output read into measurements (google_benchmark.hpp). The format is the
// library's JSONReporter: {"context": {...}, "benchmarks": [{name, run_name, run_type,
// repetitions, repetition_index, real_time, cpu_time, time_unit, ...}, ...]}.
#include "hpcpat/compare/google_benchmark.hpp"

#include <map>
#include <optional>
#include <string>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/input_file.hpp"

namespace hpcpat::compare {
namespace {

// Benchmark files are small (a line of JSON per run); 256 MiB is far above any real one.
constexpr std::uint64_t kMaxBytes = std::uint64_t{256} << 20;

[[noreturn]] void bad(const std::filesystem::path &file, const std::string &field,
                      const std::string &expected) {
  throw InputError("Google Benchmark file '" + file.string() + "': " + field + ": expected " +
                   expected);
}

nlohmann::json parse(const std::filesystem::path &file) {
  InputFile in(file, kMaxBytes);
  nlohmann::json doc = nlohmann::json::parse(in.read_all(), nullptr, false);
  if (doc.is_discarded()) bad(file, "(document)", "JSON (it does not parse)");
  return doc;
}

double seconds_per(const std::filesystem::path &file, const std::string &field,
                   const std::string &unit) {
  if (unit == "ns") return 1e-9;
  if (unit == "us") return 1e-6;
  if (unit == "ms") return 1e-3;
  if (unit == "s") return 1;
  bad(file, field, "one of ns, us, ms, s");
}

const nlohmann::json &member(const std::filesystem::path &file, const nlohmann::json &entry,
                             const std::string &where, const char *name,
                             nlohmann::json::value_t type, const char *expected) {
  const auto it = entry.find(name);
  const bool number_ok =
      type == nlohmann::json::value_t::number_float && it != entry.end() && it->is_number();
  if (it == entry.end() || (!number_ok && it->type() != type)) {
    bad(file, where + "." + name, expected);
  }
  return *it;
}

// The entry's value of the metric, or none (a rate the benchmark does not report).
std::optional<double> value_of(const std::filesystem::path &file, const nlohmann::json &e,
                               const std::string &where, Metric metric) {
  using V = nlohmann::json::value_t;
  if (metric == Metric::wall) {
    const double t = member(file, e, where, "real_time", V::number_float, "a number").get<double>();
    const std::string unit =
        member(file, e, where, "time_unit", V::string, "a string (ns, us, ms, s)")
            .get<std::string>();
    return t * seconds_per(file, where + ".time_unit", unit);
  }
  for (const char *rate : {"items_per_second", "bytes_per_second"}) {
    if (e.contains(rate))
      return member(file, e, where, rate, V::number_float, "a number").get<double>();
  }
  return std::nullopt;
}

}  // namespace

bool is_google_benchmark_file(const std::filesystem::path &file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return false;
  const nlohmann::json doc = parse(file);
  return doc.is_object() && doc.contains("benchmarks");
}

MeasurementSet read_google_benchmark(const std::filesystem::path &file, Metric metric) {
  using V = nlohmann::json::value_t;
  if (metric == Metric::mpi_fraction) {
    throw InputError("--metric mpi-fraction: a Google Benchmark file ('" + file.string() +
                     "') has no MPI fraction; expected wall or fom");
  }
  const nlohmann::json doc = parse(file);
  if (!doc.is_object()) bad(file, "(document)", "an object with \"benchmarks\"");
  const nlohmann::json &entries =
      member(file, doc, "(document)", "benchmarks", V::array, "an array of benchmark runs");
  MeasurementSet set;
  set.source = file.string();
  set.metric = metric;
  set.unit = unit_of(metric);  // times are converted to seconds
  std::map<std::string, std::size_t> index;
  std::map<std::string, std::map<std::string, double>> aggregates;  // run_name -> name -> value
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const nlohmann::json &e = entries[i];
    const std::string where = "benchmarks[" + std::to_string(i) + "]";
    if (!e.is_object()) bad(file, where, "an object");
    const std::string name =
        member(file, e, where, "name", V::string, "a string").get<std::string>();
    // run_name is the name without the aggregate's suffix (Google Benchmark >= 1.5); older
    // files have only name, which is then the run's name too.
    const std::string run_name =
        e.contains("run_name")
            ? member(file, e, where, "run_name", V::string, "a string").get<std::string>()
            : name;
    const std::string run_type =
        e.contains("run_type")
            ? member(file, e, where, "run_type", V::string, "a string").get<std::string>()
            : "iteration";
    if (run_type != "iteration" && run_type != "aggregate") {
      bad(file, where + ".run_type", "\"iteration\" or \"aggregate\"");
    }
    auto [it, added] = index.try_emplace(run_name, set.series.size());
    if (added) {
      Series s;
      s.key = "benchmark=" + run_name;
      s.case_name = run_name;
      set.series.push_back(std::move(s));
    }
    Series &s = set.series[it->second];
    if (e.contains("error_occurred") &&
        member(file, e, where, "error_occurred", V::boolean, "true or false").get<bool>()) {
      ++s.left_out;
      continue;
    }
    if (run_type == "aggregate") {
      const std::string aggregate =
          member(file, e, where, "aggregate_name", V::string, "a string").get<std::string>();
      if (aggregate == "mean" || aggregate == "median") {
        if (const auto v = value_of(file, e, where, metric)) aggregates[run_name][aggregate] = *v;
      }
      continue;
    }
    if (const auto v = value_of(file, e, where, metric)) {
      s.values.push_back(*v);
    } else {
      ++s.left_out;
    }
  }
  for (Series &s : set.series) {
    if (!s.values.empty()) continue;  // repetitions present: the aggregates add nothing
    const auto found = aggregates.find(s.case_name);
    if (found == aggregates.end()) continue;
    const auto &a = found->second;
    s.values.push_back(a.contains("median") ? a.at("median") : a.at("mean"));
  }
  return set;
}

}  // namespace hpcpat::compare
