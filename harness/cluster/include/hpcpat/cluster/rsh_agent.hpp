// The rsh agent of the emulated nodes, and what a launcher needs to use them.
//
// A launcher starts its daemons on node HOST as `AGENT HOST COMMAND...` (Open MPI's
// plm_rsh_agent, MPICH hydra's -launcher rsh -launcher-exec), with ssh's contract: the words of
// COMMAND joined by spaces are one command line for a shell on the remote side. Those words come
// from the launcher, never from a user. The agent runs that line with /bin/sh inside the node's
// network namespace (`ip netns exec`) and a UTS namespace holding the node's host name.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "hpcpat/cluster/cluster_state.hpp"
#include "hpcpat/launch/launcher.hpp"

namespace hpcpat::cluster {

// The agent program installed beside hpcpat (hydra takes one executable, no arguments).
inline constexpr const char *kRshAgentName = "hpcpat-rsh";

// Its path beside the running executable; InputError naming --cluster when it is missing.
std::string installed_rsh_agent();

// Replaces this process with the remote command; returns only by throwing: InputError when the
// caller is not root, HOST is no node of the state file or there is no command; runtime_error
// when the namespaces cannot be entered.
[[noreturn]] void rsh_exec(const std::filesystem::path &state_file, const std::string &host,
                           const std::vector<std::string> &command);

// The first `nodes` nodes of a complete cluster, for LaunchRequest::remote, started through
// `agent`. InputError when the cluster is incomplete or has fewer nodes.
launch::RemoteNodes remote_nodes(const ClusterState &state, int nodes, const std::string &agent);

}  // namespace hpcpat::cluster
