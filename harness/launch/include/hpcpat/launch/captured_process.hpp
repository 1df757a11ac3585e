// Running a short system command (ip, tc) without a shell and keeping what it printed, so that a
// failure can be reported with the command's own words. Not for jobs: run_process (process.hpp)
// starts and stops those.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace hpcpat::launch {

struct CapturedProcess {
  int exit_code = 0;
  std::optional<int> signal;  // when a signal ended it
  std::string out, err;       // its stdout and stderr, each cut to the last 64 KiB
  bool ok() const { return !signal && exit_code == 0; }
};

// Starts argv (argv[0] looked up in $PATH) with this process's environment and stdin from
// /dev/null, and waits for it. A program that cannot be started ends with exit code 127 and the
// reason in `err`, as a shell would report it. Throws only std::bad_alloc / std::system_error
// (no pipe). A non-empty `cwd` is the folder it starts in.
CapturedProcess run_captured(const std::vector<std::string> &argv,
                             const std::filesystem::path &cwd = {});

}  // namespace hpcpat::launch
