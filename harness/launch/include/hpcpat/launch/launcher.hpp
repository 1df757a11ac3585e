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

// Nodes that the launcher reaches through an rsh agent (hpcpat cluster's emulated nodes), rather
// than through its own notion of hosts. mpirun only; the other launchers refuse it.
struct RemoteNodes {
  std::vector<std::string> hosts;  // the nodes' host names, one per node, in order
  std::string rsh_agent;           // one executable (no arguments), called as `agent HOST COMMAND`
  std::string network;             // the nodes' network as CIDR, "10.213.0.0/24"
  std::string launcher_address;    // the launcher's own address on it, "10.213.0.1"
};

struct LaunchRequest {
  int ranks = 1;
  std::optional<int> nodes;          // unset: the launcher's default placement
  std::vector<std::string> program;  // argv of the application; program[0] is the executable
  std::vector<EnvVar> rank_env;      // passed to every rank
  // Set: the ranks go on these nodes, and nodes = remote->hosts.size(). (Initialised, so that a
  // request written without it is complete.)
  std::optional<RemoteNodes> remote = std::nullopt;
  std::vector<std::string> launcher_flags = {};  // more flags of the launcher, verbatim
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

// Shared checks of every launcher: ranks >= 1, nodes in [1, ranks], a program, valid env names;
// remote nodes for mpirun only, with as many hosts as nodes and an agent without white space.
void check_request(const LaunchRequest &request, const std::string &launcher);

}  // namespace hpcpat::launch
