#include <algorithm>
#include <cctype>
#include <optional>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/launch/launcher.hpp"

namespace hpcpat::launch {
namespace {

bool valid_env_name(const std::string &name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// Open MPI splits plm_rsh_agent at white space and hydra takes -launcher-exec as one file: an
// agent path with a space in it would mean something else to each.
void check_remote(const RemoteNodes &remote, std::optional<int> nodes, const std::string &launcher) {
  if (launcher != "mpirun") {
    throw InputError(launcher + ": nodes reached through an rsh agent (--cluster): expected the "
                     "mpirun launcher");
  }
  if (remote.hosts.empty() || !nodes || *nodes != static_cast<int>(remote.hosts.size())) {
    throw InputError(launcher + ": remote hosts: expected one host per node (" +
                     std::to_string(nodes.value_or(0)) + " nodes, " +
                     std::to_string(remote.hosts.size()) + " hosts)");
  }
  const bool blank = std::any_of(remote.rsh_agent.begin(), remote.rsh_agent.end(),
                                 [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  if (remote.rsh_agent.empty() || blank) {
    throw InputError(launcher + ": rsh agent '" + remote.rsh_agent +
                     "': expected the path of one executable, without white space");
  }
}

}  // namespace

void check_request(const LaunchRequest &request, const std::string &launcher) {
  if (request.ranks < 1) {
    throw InputError(launcher + ": ranks: expected an integer >= 1, got " +
                     std::to_string(request.ranks));
  }
  if (request.nodes && (*request.nodes < 1 || *request.nodes > request.ranks)) {
    throw InputError(launcher + ": nodes: expected an integer in [1, " +
                     std::to_string(request.ranks) + "] (at most one node per rank), got " +
                     std::to_string(*request.nodes));
  }
  if (request.program.empty() || request.program.front().empty()) {
    throw InputError(launcher + ": no program to run");
  }
  if (request.remote) check_remote(*request.remote, request.nodes, launcher);
  for (const EnvVar &v : request.rank_env) {
    if (!valid_env_name(v.name)) {
      throw InputError(launcher + ": environment variable name '" + v.name +
                       "': expected letters, digits and '_', not starting with a digit");
    }
  }
}

}  // namespace hpcpat::launch
