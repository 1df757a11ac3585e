// What the launcher itself printed about a rank that died of a signal. Exit statuses alone do not
// tell: Open MPI's mpirun ends with 128 + N, but MPICH's Hydra ends with N itself (a rank killed
// by SIGABRT and one that called exit(6) both give 6), so the launcher's own report is read:
//   Open MPI (stderr): "mpirun noticed that process rank 1 with PID 0 on node vm exited on
//                       signal 6 (Aborted)."
//   Hydra (stdout):    "YOUR APPLICATION TERMINATED WITH THE EXIT STRING: Aborted (signal 6)"
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace hpcpat::runner {

struct RankSignal {
  int signal = 0;
  std::string where;  // "rank 1 on vm" when the launcher says, else ""
};

std::optional<RankSignal> rank_signal_in(std::string_view launcher_output);

// The same over the last 64 KiB of each file (the launcher's stdout and stderr in a run folder).
std::optional<RankSignal> rank_signal_in_files(const std::filesystem::path &stdout_file,
                                               const std::filesystem::path &stderr_file);

}  // namespace hpcpat::runner
