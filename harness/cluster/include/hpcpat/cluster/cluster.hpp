// Standing up and tearing down the emulated nodes (cluster_state.hpp says what they are). Root
// only: every entry point but describe() refuses another user with an InputError (exit 2).
// Commands run as argv arrays (ip, tc); a failure is reported with the command and its stderr.
#pragma once

#include <filesystem>
#include <string>

#include "hpcpat/cluster/cluster_state.hpp"

namespace hpcpat::cluster {

// InputError unless the effective user is root; `what` names the action ("cluster up").
void require_root(const std::string &what);

enum class UpOutcome { made, already_up };

// Makes `plan` and records it in `state_file`. When a cluster with the same layout is already
// recorded there: already_up, nothing done. InputError (nothing done) when another cluster is
// recorded, an interrupted one is, or the network is already in use on this machine. When a step
// fails, every object made so far is deleted in reverse, the state file removed, and a
// std::runtime_error names the failed command and its stderr.
UpOutcome up(const ClusterState &plan, const std::filesystem::path &state_file);

// Deletes every object the state file lists, in reverse, then the file. Returns false when there
// was no state file. Objects already gone are fine; a deletion that fails leaves the file listing
// what is left and throws std::runtime_error with the command's stderr.
bool down(const std::filesystem::path &state_file);

// The state in a few lines, for `hpcpat cluster status`.
std::string describe(const ClusterState &state, const std::filesystem::path &state_file);

}  // namespace hpcpat::cluster
