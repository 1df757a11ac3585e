// Google Benchmark files: repetitions, aggregates, units, errors and refusals, on documents
// written in the library's JSONReporter shape (a real file is checked by check_gbench.py).
#include "hpcpat/compare/google_benchmark.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "hpcpat/base/input_error.hpp"
#include "temp_file.hpp"

namespace hpcpat::compare {
namespace {

namespace fs = std::filesystem;

fs::path write(const std::string &name, const std::string &text) {
  return test::write_file("hpcpat-compare-gbench", name, text);
}

std::string entry(const std::string &name, const std::string &type, double real,
                  const std::string &unit, const std::string &extra = "") {
  return R"({"name": ")" + name + R"(", "run_name": "BM_x/8", "run_type": ")" + type +
         R"(", "iterations": 10, "real_time": )" + std::to_string(real) +
         R"(, "cpu_time": 1, "time_unit": ")" + unit + "\"" + extra + "}";
}

TEST(GoogleBenchmark, RepetitionsAggregatesUnitsAndErrors) {
  const fs::path p = write(
      "reps.json",
      R"({"context": {"date": "x"}, "benchmarks": [)" + entry("BM_x/8", "iteration", 1500, "ns") +
          "," + entry("BM_x/8", "iteration", 2, "us") + "," +
          entry("BM_x/8", "iteration", 0.003, "ms") + "," +
          entry("BM_x/8", "iteration", 1, "ns", R"(, "error_occurred": true)") + "," +
          entry("BM_x/8_mean", "aggregate", 9, "s", R"(, "aggregate_name": "mean")") + "]}");
  EXPECT_TRUE(is_google_benchmark_file(p));
  const MeasurementSet set = read_google_benchmark(p, Metric::wall);
  ASSERT_EQ(set.series.size(), 1u);
  EXPECT_EQ(set.unit, "s");
  EXPECT_EQ(set.series[0].case_name, "BM_x/8");
  ASSERT_EQ(set.series[0].values.size(), 3u);  // the aggregate is not a repetition
  EXPECT_DOUBLE_EQ(set.series[0].values[0], 1.5e-6);
  EXPECT_DOUBLE_EQ(set.series[0].values[1], 2e-6);
  EXPECT_DOUBLE_EQ(set.series[0].values[2], 3e-6);
  EXPECT_EQ(set.series[0].left_out, 1u);  // the error
  EXPECT_FALSE(set.series[0].nodes);
}

TEST(GoogleBenchmark, AggregatesOnlyGiveOneValue) {
  const fs::path p = write(
      "agg.json",
      R"({"benchmarks": [)" +
          entry("BM_x/8_mean", "aggregate", 4, "ms", R"(, "aggregate_name": "mean")") + "," +
          entry("BM_x/8_median", "aggregate", 3, "ms", R"(, "aggregate_name": "median")") + "," +
          entry("BM_x/8_stddev", "aggregate", 1, "ms", R"(, "aggregate_name": "stddev")") + "]}");
  const MeasurementSet set = read_google_benchmark(p, Metric::wall);
  ASSERT_EQ(set.series.size(), 1u);
  EXPECT_EQ(set.series[0].values, std::vector<double>{3e-3});  // the median
}

TEST(GoogleBenchmark, RatesForFom) {
  const fs::path p =
      write("rate.json", R"({"benchmarks": [)" +
                             entry("BM_x/8", "iteration", 1, "ns", R"(, "items_per_second": 5e6)") +
                             "]}");
  const MeasurementSet set = read_google_benchmark(p, Metric::fom);
  EXPECT_EQ(set.series[0].values, std::vector<double>{5e6});
  EXPECT_THROW(read_google_benchmark(p, Metric::mpi_fraction), InputError);
}

std::string refusal(const std::string &text) {
  const fs::path p = write("bad.json", text);
  try {
    read_google_benchmark(p, Metric::wall);
  } catch (const InputError &e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(GoogleBenchmark, RefusalsNameFileAndField) {
  const std::string f = "Google Benchmark file '" +
                        (test::temp_dir("hpcpat-compare-gbench") / "bad.json").string() + "': ";
  EXPECT_EQ(refusal("{\"benchmarks\": ["), f + "(document): expected JSON (it does not parse)");
  EXPECT_EQ(refusal("[1]"), f + "(document): expected an object with \"benchmarks\"");
  EXPECT_EQ(refusal("{\"benchmarks\": 1}"),
            f + "(document).benchmarks: expected an array of benchmark runs");
  EXPECT_EQ(
      refusal("{\"benchmarks\": [{\"name\": \"a\", \"real_time\": \"x\", \"time_unit\": \"ns\"}]}"),
      f + "benchmarks[0].real_time: expected a number");
  EXPECT_EQ(
      refusal("{\"benchmarks\": [{\"name\": \"a\", \"real_time\": 1, \"time_unit\": \"min\"}]}"),
      f + "benchmarks[0].time_unit: expected one of ns, us, ms, s");
  EXPECT_EQ(refusal("{\"benchmarks\": [{\"real_time\": 1}]}"),
            f + "benchmarks[0].name: expected a string");
  EXPECT_EQ(refusal("{\"benchmarks\": [{\"name\": \"a\", \"run_type\": \"x\"}]}"),
            f + "benchmarks[0].run_type: expected \"iteration\" or \"aggregate\"");
  EXPECT_EQ(refusal("{\"benchmarks\": [{\"name\": \"a\", \"error_occurred\": 1}]}"),
            f + "benchmarks[0].error_occurred: expected true or false");
  EXPECT_FALSE(is_google_benchmark_file(write("other.json", "{\"ranks\": 2}")));
}

}  // namespace
}  // namespace hpcpat::compare
