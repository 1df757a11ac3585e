// What one profiled run needs and what it gives back. Plain data, so that every caller (hpcpat
// profile today; the study runner, benchmarks and tests next) states a run the same way.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "hpcpat/launch/flux_launcher.hpp"
#include "hpcpat/launch/launcher.hpp"
#include "hpcpat/launch/process.hpp"

namespace hpcpat::run {

// Facts of the installation that the caller knows from how it was built (hpcpat passes its
// build_config): the run library never reads build-time configuration itself.
struct Installation {
  std::string mpi_flavour = "openmpi";  // the flavour hpcpat was built for (default of --mpi)
  std::string mpiexec;                  // that flavour's configured launcher; may be empty
  std::string bin_to_lib = "../lib";    // install layout, from the bin dir to the lib dir
  std::string pmpi_build_path;          // the build tree's interposer; empty when not built
  std::string sanitizer_runtime;        // preloaded before the interposer in sanitized builds
};

struct RunRequest {
  std::vector<std::string> program;  // argv of the MPI program; program[0] is looked up
  int ranks = 1;
  std::optional<int> nodes;               // unset: the launcher's default placement
  std::string launcher = "mpirun";        // "mpirun", "flux", "srun" or "auto" (see below)
  std::string mpi_flavour;                // "openmpi" or "mpich"; empty: installation's
  std::string launcher_executable;        // empty: chosen from the launcher and the flavour
  std::vector<launch::EnvVar> extra_env;  // more variables for the ranks (after hpcpat's own)
  std::string output;                     // profile path; empty: the default name here
  bool overwrite = false;                 // an existing regular file at `output` may be replaced
  std::vector<std::string> tags;          // KEY=VALUE, recorded in the profile's run.tags
  launch::FluxOptions flux;               // under Flux (its executable: launcher_executable)
  std::vector<std::string> launcher_flags;  // more flags of the launcher, verbatim
  // Where the launcher's stdout and stderr go (unset: ours), and when the job is stopped.
  std::optional<std::filesystem::path> stdout_path, stderr_path;
  std::optional<double> timeout_s;
  Installation installation;
  // false: `output` is taken as given, unchecked, so that a plan can be shown before its folders
  // exist (hpcpat run --dry-run); the check probes the directory by creating a file in it.
  bool check_output = true;
  // Nodes reached through an rsh agent (hpcpat cluster's, cluster/rsh_agent.hpp remote_nodes);
  // mpirun only, with `nodes` equal to its host count.
  std::optional<launch::RemoteNodes> remote;
};

// "auto": Flux inside a Flux instance (FLUX_URI set), srun inside a Slurm allocation
// (SLURM_JOB_ID set), else mpirun. Any other value is returned as it is.
std::string resolved_launcher(const std::string &launcher);

// A request checked and turned into the exact command, before anything is started: callers can
// show the command (hpcpat prints it) and then execute it.
struct PreparedRun {
  launch::LaunchCommand command;  // command.argv[0] is the launcher executable
  std::string launcher;           // the launcher's name, "auto" resolved
  std::vector<launch::EnvVar> rank_env;  // what the ranks get (in command.argv as flags, too)
  std::optional<std::filesystem::path> stdout_path, stderr_path;  // as requested
  std::optional<double> timeout_s;
  std::filesystem::path profile;  // where the complete profile is expected, absolute
  std::vector<std::string> notes; // what could not be checked before the run, one line each
  std::string run_id;             // the run's id: HPCPAT_RUN_ID from the environment, else fresh
};

struct RunResult {
  launch::ProcessResult process;                // how the launcher ended: exit code or signal
  bool profile_written = false;                 // a new complete profile replaced `profile`
  std::filesystem::path profile;                // the complete profile's path
  std::vector<std::filesystem::path> partials;  // when none was written: the dumps, by rank
  double wall_s = 0;                            // wall-clock time of the launcher process
  bool timed_out = false;                       // stopped at RunRequest::timeout_s
};

}  // namespace hpcpat::run
