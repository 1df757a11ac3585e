// The processes a run leaves on this host, found through /proc: the descendants of a process,
// and among them the ranks (the processes whose environment holds the run's marker entry, which
// the launcher passes to the ranks only). Used to stop a job in a controlled way and to leave no
// process behind.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace hpcpat::launch {

// Every live process below `root` (children, grandchildren, ...), not `root` itself.
std::vector<pid_t> descendants(pid_t root);

// Those of `pids` whose environment holds `entry` ("NAME=VALUE") exactly.
std::vector<pid_t> with_environment_entry(const std::vector<pid_t> &pids, const std::string &entry);

// `root` and every live process between it and one of `below` (their ancestors up to `root`),
// none of `below` itself: the launcher's processes that stand above the ranks on this host.
std::vector<pid_t> chain_above(pid_t root, const std::vector<pid_t> &below);

// Sends `sig` to each pid; returns how many were sent.
int signal_all(const std::vector<pid_t> &pids, int sig);

}  // namespace hpcpat::launch
