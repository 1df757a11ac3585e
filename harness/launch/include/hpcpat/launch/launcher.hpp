// A launcher turns "run this program on N ranks (over M nodes) with this environment for the
// ranks" into the exact argv of the launcher program. No shell is ever involved: every element
// of the program argv ends up as one argv element of the launcher, byte for byte.
//
// The environment is split on purpose: `rank_env` reaches the application's ranks only (through
// the launcher's own flags), so LD_PRELOAD=libhpcpat-pmpi.so never loads into the launcher.
// `launcher_env` is what a launcher cannot pass by flag and must inherit instead (see srun).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace hpcpat::launch {

struct EnvVar {
  std::string name, value;
  friend bool operator==(const EnvVar &, const EnvVar &) = default;
};

struct LaunchRequest {
  int ranks = 1;
  std::optional<int> nodes;          // unset: the launcher's default placement
  std::vector<std::string> program;  // argv of the application; program[0] is the executable
  std::vector<EnvVar> rank_env;      // passed to every rank
};

struct LaunchCommand {
  std::vector<std::string> argv;     // argv[0] is the launcher executable
  std::vector<EnvVar> launcher_env;  // set in the launcher's own environment
};

class Launcher {
 public:
  virtual ~Launcher() = default;
  // The value of HPCPAT_LAUNCHER for runs it starts: "mpirun", "flux", "srun".
  virtual std::string name() const = 0;
  // Throws hpcpat::InputError for requests this launcher cannot express.
  virtual LaunchCommand command(const LaunchRequest &request) const = 0;
};

// Shared checks of every launcher: ranks >= 1, nodes in [1, ranks], a program, valid env names.
void check_request(const LaunchRequest &request, const std::string &launcher);

}  // namespace hpcpat::launch
