// A Google Benchmark JSON file (--benchmark_format=json or --benchmark_out=FILE) as measurements:
// one series per benchmark (its run_name), one value per repetition.
#pragma once

#include <filesystem>

#include "hpcpat/compare/measurements.hpp"

namespace hpcpat::compare {

// Entries with run_type "iteration" are the repetitions (real_time, converted to seconds from
// the entry's time_unit; or for fom items_per_second, else bytes_per_second). A benchmark with
// only "aggregate" entries (--benchmark_report_aggregates_only) gives its median aggregate, else
// its mean, as a single value: enough for a reference, too few to judge a change. Entries with
// error_occurred are left out. Metric::mpi_fraction, a file that is not such a document, or a
// field of the wrong type: InputError naming the file, the field and what was expected.
MeasurementSet read_google_benchmark(const std::filesystem::path &file, Metric metric);

// Whether `file` looks like a Google Benchmark document (a regular file whose JSON object has
// "benchmarks"), without judging the rest: how the command tells a file from a study name.
bool is_google_benchmark_file(const std::filesystem::path &file);

}  // namespace hpcpat::compare
