#include "hpcpat/cluster/rsh_agent.hpp"

#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/cluster/cluster.hpp"
#include "hpcpat/launch/pmpi_library.hpp"
#include "hpcpat/launch/process.hpp"

namespace hpcpat::cluster {
namespace {

const Node *find_node(const ClusterState &s, const std::string &host) {
  for (const Node &n : s.nodes) {
    if (n.host == host) return &n;
  }
  return nullptr;
}

std::string host_list(const ClusterState &s) {
  std::string out;
  for (const Node &n : s.nodes) out += (out.empty() ? "" : ", ") + n.host;
  return out;
}

}  // namespace

void rsh_exec(const std::filesystem::path &state_file, const std::string &host,
              const std::vector<std::string> &command) {
  require_root("cluster rsh");
  const std::optional<ClusterState> state = read_state(state_file);
  if (!state || !state->complete) {
    throw InputError("cluster rsh: no cluster is up (" + state_file.string() +
                     (state ? " is incomplete" : " does not exist") +
                     "); expected one made by 'hpcpat cluster up'");
  }
  const Node *node = find_node(*state, host);
  if (node == nullptr) {
    throw InputError("cluster rsh: host '" + host + "': expected a node of " +
                     state_file.string() + " (" + host_list(*state) + ")");
  }
  // ssh's contract: the remote words joined by spaces are one line for the remote shell.
  std::string line;
  for (const std::string &word : command) line += (line.empty() ? "" : " ") + word;
  if (line.find_first_not_of(' ') == std::string::npos) {
    throw InputError("cluster rsh " + host + ": expected a command to run on it");
  }
  // The host name lives in a UTS namespace of this process, which ip and the shell inherit.
  if (unshare(CLONE_NEWUTS) != 0 || sethostname(host.data(), host.size()) != 0) {
    throw std::runtime_error("cluster rsh " + host + ": cannot give the node its host name: " +
                             std::strerror(errno));
  }
  std::vector<std::string> argv = {"ip", "netns", "exec", node->netns, "/bin/sh", "-c", line};
  std::vector<char *> ptrs;
  for (std::string &a : argv) ptrs.push_back(a.data());
  ptrs.push_back(nullptr);
  execvp(ptrs[0], ptrs.data());
  throw std::runtime_error("cluster rsh " + host + ": cannot run ip: " + std::strerror(errno));
}

std::string installed_rsh_agent() {
  const std::filesystem::path agent = launch::current_executable().parent_path() / kRshAgentName;
  if (!launch::find_executable(agent.string())) {
    throw InputError("--cluster: the rsh agent '" + agent.string() +
                     "' is missing; expected it installed beside hpcpat");
  }
  return agent.string();
}

launch::RemoteNodes remote_nodes(const ClusterState &state, int nodes, const std::string &agent) {
  if (!state.complete) {
    throw InputError("--cluster: the cluster's 'up' did not finish; expected a complete cluster "
                     "(run 'hpcpat cluster down', then 'hpcpat cluster up')");
  }
  if (nodes < 1 || nodes > static_cast<int>(state.nodes.size())) {
    throw InputError("-N " + std::to_string(nodes) + ": expected 1 to " +
                     std::to_string(state.nodes.size()) + ", the nodes of the cluster that is up");
  }
  launch::RemoteNodes remote;
  for (int k = 0; k < nodes; ++k) remote.hosts.push_back(state.nodes[k].host);
  remote.rsh_agent = agent;
  remote.network = state.network;
  remote.launcher_address = state.bridge_address;
  return remote;
}

}  // namespace hpcpat::cluster
