// One row of the index's `runs` table: the record's facts plus the figures read from the run's
// profile (MPI fraction median and max over ranks, the top MPI call) and summary (the figure of
// merit). The column list below is the one owner of the table's columns: the SQL, the CSV header
// and the JSON export all follow it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hpcpat::store {

struct IndexRow {
  std::string study, run, case_name, app;
  std::string parameters = "{}";  // JSON text of the record's parameters
  std::int64_t nodes = 0, ranks = 0, ranks_per_node = 0, threads = 0, repeat = 0;
  std::string launcher, status, cause;
  std::optional<std::int64_t> exit_code, signal;
  double wall_s = 0;
  std::optional<double> mpi_fraction_median, mpi_fraction_max;  // none without a profile
  std::string top_call;                                        // "" without a profile
  std::string fom_name;
  std::optional<double> fom_value;
  std::string hosts;  // comma-separated, in the record's order
  std::string mpi_library, container, hpcpat_version, git_sha;
  std::string started_at, ended_at;
  double started_epoch_s = 0, ended_epoch_s = 0;
  // The run's pattern labels from its patterns.json ("halo:0.82,allreduce-heavy:0.61", by
  // confidence); "" until `hpcpat patterns STUDY` has classified it (Store::put_patterns).
  std::string labels;
};

// A cell as SQLite, CSV and JSON see it.
using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;

inline constexpr std::array<std::string_view, 31> kRunColumns = {
    "study",          "run",           "case_name",
    "app",            "parameters",    "nodes",
    "ranks",          "ranks_per_node", "threads",
    "repeat",         "launcher",      "status",
    "cause",          "exit_code",     "signal",
    "wall_s",         "mpi_fraction_median", "mpi_fraction_max",
    "top_call",       "fom_name",      "fom_value",
    "hosts",          "mpi_library",   "container",
    "hpcpat_version", "git_sha",       "started_at",
    "started_epoch_s", "ended_at",     "ended_epoch_s",
    "labels"};

// The row's cells in kRunColumns order, and back (cells as read from the table).
std::vector<Cell> row_cells(const IndexRow &row);
IndexRow row_from_cells(const std::vector<Cell> &cells);

// Which rows a query wants; empty strings match everything.
struct Query {
  std::string study;
  std::string app;  // matches the row's app or its case
};

}  // namespace hpcpat::store
