// Running a program without a shell: posix_spawnp with an argv array, the parent's environment
// plus overrides, and SIGINT/SIGTERM sent to this process forwarded to the child while it runs.
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
  // Shell convention: the exit code, or 128 + signal number.
  int status_code() const { return signal ? 128 + *signal : exit_code; }
  bool ok() const { return !signal && exit_code == 0; }
};

// Resolves a program name the way posix_spawnp/execvp would: a name with '/' is taken as a path,
// otherwise each $PATH directory is searched. Returns the path of a regular executable file.
std::optional<std::filesystem::path> find_executable(const std::string &name);

// Starts argv (argv[0] looked up in $PATH) with this process's environment plus `env` (which
// replaces variables of the same name), waits for it and returns how it ended. While it runs, a
// SIGINT or SIGTERM sent to this process is passed on to the child, so that a launcher killed by
// a batch system's timeout can still let the ranks write their partial profiles.
// Throws hpcpat::InputError when the program cannot be started (not found, not executable).
ProcessResult run_process(const std::vector<std::string> &argv, const std::vector<EnvVar> &env);

}  // namespace hpcpat::launch
