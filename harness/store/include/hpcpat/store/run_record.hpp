// One run of a study as the store keeps it: RESULTS/<study>/<run>/record.json, schema
// schemas/run-record.v1.schema.json. The record says what was run (case, parameters, placement,
// the exact argv and rank environment), how it ended (status and its cause in words, exit code,
// signal, times) and where the rest lies (paths relative to the run folder). It is written last
// and atomically: a run folder with a record.json is a complete run, one without is interrupted.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpcpat::store {

inline constexpr std::string_view kRunRecordSchemaId = "hpcpat.run-record.v1";
inline constexpr std::string_view kRecordFile = "record.json";

// How a run ended. `interrupted` is never written: it is what a folder without record.json is.
enum class RunStatus { ok, failed, crashed, timeout, launch_error, interrupted };
std::string_view status_name(RunStatus s) noexcept;  // "ok", ..., "launch-error", "interrupted"

// A moment, in the two spellings the record keeps: UTC ISO-8601 ("2026-12-07T00:15:02.125Z")
// for people, seconds since the epoch for arithmetic.
struct TimePoint {
  std::string utc;
  double epoch_s = 0;
};
TimePoint time_point(double epoch_s);  // utc computed from epoch_s
TimePoint time_point_now();

// Files beside record.json, as paths relative to the run folder; empty: none. Conventional names
// below; the runner writes them into run_dir() and names here the ones it wrote.
struct RunFiles {
  std::string profile;   // "profile.json"
  std::string summary;   // "summary.json": the app's one-line JSON summary, when it printed one
  std::string stdout_;   // "stdout"
  std::string stderr_;   // "stderr"
  std::string launcher;  // "launcher": a folder (jobspec.json, eventlog, R.json, jobs.json)
};

// What finish_run read from the run's files (analysis/profile's reader for the profile; the
// summary's "figures" for the figure of merit) and keeps in the record, so that the index is
// rebuilt from records alone. Set by finish_run, never by the runner; none when not readable.
struct RunFigures {
  std::optional<double> mpi_fraction_median, mpi_fraction_max;  // over ranks
  std::string top_call;                                        // most MPI time over all ranks
  std::optional<double> figure_of_merit;                       // summary.figures[<name>]
};

struct RunRecord {
  std::string study, run;  // names of the study and run folders
  std::string case_name;   // the spec's case
  std::string app;         // the built-in app or kernel, or the external program, the case runs
  nlohmann::json parameters = nlohmann::json::object();  // the case's parameters of this run
  int nodes = 1, ranks = 1, ranks_per_node = 1, threads = 1;
  int repeat = 0;  // 0, 1, ... among the runs that differ only by repeat
  std::string launcher;  // "mpirun", "flux", "srun"
  std::vector<std::string> argv;                            // exactly as executed
  std::map<std::string, std::string> env;  // the environment hpcpat added for the ranks
  RunStatus status = RunStatus::ok;
  std::string cause;  // in words, e.g. "rank 1 killed by signal 9 (SIGKILL)"; empty when ok
  std::optional<std::int64_t> exit_code;
  std::optional<int> signal;
  TimePoint start, end;
  double wall_s = 0;
  // Left empty, hosts, mpi_library and container are taken from the profile by finish_run.
  std::vector<std::string> hosts;
  std::string mpi_library;
  std::string container_image, container_variant;  // empty: not in a container / no variant
  std::string hpcpat_version, git_sha;
  std::map<std::string, std::string> tags;
  std::string figure_of_merit;  // the name of a figure in summary.json's "figures"; may be empty
  RunFiles files;
  RunFigures figures;
};

// record.json's text (two-space indented, members in schema order).
std::string record_json(const RunRecord &record);

// Reads and checks a record.json. Throws hpcpat::InputError naming the file and the field:
// "<file>: field 'status': expected one of ..."; for text that is not JSON (a truncated file) the
// field being read where the text broke off.
RunRecord read_record(const std::filesystem::path &file);
RunRecord parse_record(std::string_view text, const std::string &source);

}  // namespace hpcpat::store
