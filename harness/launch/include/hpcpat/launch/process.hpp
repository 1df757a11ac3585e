// Running a job's launcher without a shell (fork + exec of an argv array, the parent's
// environment plus overrides) and stopping it in a controlled way, so that a stopped run keeps
// every rank's partial profile and leaves no process behind.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "hpcpat/launch/launcher.hpp"

namespace hpcpat::launch {

struct ProcessResult {
  int exit_code = 0;          // when the child exited
  std::optional<int> signal;  // when a signal ended it
  // The SIGINT/SIGTERM this process received while the child ran (and passed on to the job).
  std::optional<int> stopped_by;
  int leftovers = 0;  // processes of the job still alive after the launcher ended, then stopped
  bool timed_out = false;  // ProcessOptions::timeout passed and the job was stopped for it
  // Shell convention: the exit code, or 128 + signal number.
  int status_code() const { return signal ? 128 + *signal : exit_code; }
  bool ok() const { return !signal && exit_code == 0; }
};

struct ProcessOptions {
  std::string rank_marker;  // "NAME=VALUE" that only the job's ranks carry (see run_process)
  // Where the child's stdout and stderr go (created or truncated, mode 0644); unset: ours.
  std::optional<std::filesystem::path> stdout_path, stderr_path;
  // Past this the job is stopped as if we had received SIGTERM (ranks first, so that they write
  // their partial profiles; then the launcher; then its process group is killed) and
  // `timed_out` is set. Unset: no limit.
  std::optional<double> timeout_s;
};

// Resolves a program name the way posix_spawnp/execvp would: a name with '/' is taken as a path,
// otherwise each $PATH directory is searched. Returns the path of a regular executable file.
std::optional<std::filesystem::path> find_executable(const std::string &name);

// Starts argv (argv[0] looked up in $PATH) with this process's environment plus `env` (which
// replaces variables of the same name), waits for it and returns how it ended.
//
// The job is kept under control (README, "How a run is stopped"):
// - the child runs in its own process group, so a signal sent to our group (timeout(1),
//   kill -- -PGID) reaches this process only, never the launcher and us at once (Open MPI's
//   mpirun takes a second signal as "kill the ranks now", before they can write);
// - it gets SIGTERM if this process dies (PR_SET_PDEATHSIG), even of SIGKILL;
// - this process is a child subreaper: what the launcher leaves behind (orphaned ranks after the
//   launcher was killed) becomes ours, and is stopped with SIGTERM (then SIGKILL after a grace
//   period) before we return;
// - a SIGINT or SIGTERM we receive goes first to the job's local ranks, the descendants whose
//   environment holds `rank_marker` ("NAME=VALUE", empty: none), so that each writes its partial
//   profile, while the launcher's processes above them are held stopped (SIGSTOP), so that no
//   launcher can kill a rank that has not written yet; the launcher gets the signal, then is
//   continued (so that the signal is the first thing it meets), once the ranks are gone (or after a grace period, or at once when no rank is found,
//   e.g. all on other nodes). A second signal goes to the launcher at once.
// A terminal on stdin is not passed to the job (a background process group reading it would be
// stopped); it reads /dev/null instead.
// Throws hpcpat::InputError when the program cannot be started (not found, not executable).
ProcessResult run_process(const std::vector<std::string> &argv, const std::vector<EnvVar> &env,
                          const ProcessOptions &options);
inline ProcessResult run_process(const std::vector<std::string> &argv,
                                 const std::vector<EnvVar> &env,
                                 const std::string &rank_marker = {}) {
  ProcessOptions options;
  options.rank_marker = rank_marker;
  return run_process(argv, env, options);
}

}  // namespace hpcpat::launch
