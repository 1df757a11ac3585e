// The measured runs as every analysis takes them (patterns, scaling and duration models,
// regression): what was run, how it ended, how long it took, and where its profile lies.
//
// The command fills them from the results store (cli/study_runs.hpp: one per run record, with the
// duration and size knobs from the built-in app table); tests build them by hand. Nothing here
// reads the store or launches anything, so the analyses stay in their layer, below the harness.
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hpcpat::runs {

struct RunSample {
  std::string study, run;  // where it is kept: RESULTS/<study>/<run>/
  std::string case_name;   // the spec's case
  std::string app;         // the built-in app or kernel, or the external program
  nlohmann::json parameters = nlohmann::json::object();  // the case's parameters of this run
  // The parameter that makes the run longer (steps, iterations) and the one that sets the
  // problem size, by name; "" when not known (an external command).
  std::string duration_knob, size_knob;
  int nodes = 1, ranks = 1, ranks_per_node = 1, threads = 1;
  int repeat = 0;      // 0, 1, ... among the runs that differ only by repeat
  std::string launcher;  // "mpirun", "flux", "srun"
  std::string status;  // "ok", "failed", "crashed", "timeout", "launch-error"
  double wall_s = 0;   // the job's wall time
  std::optional<double> mpi_fraction_median, mpi_fraction_max;  // over ranks; none: no profile
  std::string top_call;                                        // most MPI time; "" no profile
  std::string fom_name;  // the figure of merit's name in the app's summary ("" none)
  std::optional<double> fom_value;
  std::string mpi_library, container, hpcpat_version, git_sha;
  double started_epoch_s = 0;
  std::filesystem::path profile;  // the run's profile.json; empty when it left none
  std::filesystem::path summary;  // the app's JSON summary (summary.json); empty: none

  bool ok() const { return status == "ok"; }
};

// A parameter's value as a number: JSON numbers as they are, strings that hold a whole decimal
// number ("64") or a byte size with K/M/G (binary, as the kernels read them). None otherwise.
std::optional<double> number_parameter(const RunSample &sample, std::string_view name);

// What a group key leaves out, so that runs differing only there fall into one group.
struct KeyOmits {
  bool nodes = false;          // nodes and ranks (ranks per node and threads stay)
  bool duration_knob = false;  // the sample's duration knob
  bool size_knob = false;      // the sample's size knob
};

// A stable, readable key: "case=<case> app=<app> [nodes=N ranks=R] rpn=K threads=T p1=v1 ...",
// parameters sorted by name, values as compact JSON. The repeat is never part of it.
std::string group_key(const RunSample &sample, KeyOmits omits = {});

// The repeats of one configuration: the same key with nothing omitted.
inline std::string config_key(const RunSample &sample) { return group_key(sample); }

struct RunGroup {
  std::string key;
  std::vector<const RunSample *> runs;  // in input order
};

// Groups in the order their first run appears; each group's runs in input order.
std::vector<RunGroup> group_runs(std::span<const RunSample> samples,
                                 const std::function<std::string(const RunSample &)> &key);

}  // namespace hpcpat::runs
