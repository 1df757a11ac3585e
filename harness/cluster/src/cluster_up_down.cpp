#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

#include "hpcpat/base/display_command.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/cluster/cluster.hpp"
#include "hpcpat/launch/captured_process.hpp"

namespace hpcpat::cluster {
namespace {
namespace fs = std::filesystem;
using Argv = std::vector<std::string>;

std::string trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

// Runs one ip/tc command; a failure names the command, how it ended and what it said.
void run(const Argv &argv) {
  const launch::CapturedProcess r = launch::run_captured(argv);
  if (r.ok()) return;
  const std::string how =
      r.signal ? "killed by signal " + std::to_string(*r.signal) : "exit " + std::to_string(r.exit_code);
  std::string said = trimmed(r.err.empty() ? r.out : r.err);
  std::replace(said.begin(), said.end(), '\n', ' ');
  throw std::runtime_error("'" + display_command(argv) + "' failed (" + how + "): " + said);
}

bool exists(const Made &m) {
  if (m.kind == "netns") return fs::exists(fs::path("/run/netns") / m.name);
  return launch::run_captured({"ip", "link", "show", "dev", m.name}).ok();
}

// Deletes the objects in reverse creation order, recording each deletion; what could not be
// deleted stays listed. Returns the failures, one line each.
std::vector<std::string> undo(ClusterState &state, const fs::path &file) {
  std::vector<std::string> failures;
  std::vector<Made> left;
  for (auto it = state.made.rbegin(); it != state.made.rend(); ++it) {
    // A veth goes with its namespace, and a link vanishes with its peer: gone is done.
    if (!exists(*it)) continue;
    try {
      run(it->kind == "netns" ? Argv{"ip", "netns", "delete", it->name}
                              : Argv{"ip", "link", "delete", "dev", it->name});
    } catch (const std::runtime_error &e) {
      if (exists(*it)) {
        failures.push_back(e.what());
        left.insert(left.begin(), *it);
      }
    }
  }
  state.made = left;
  std::error_code ec;
  if (left.empty()) {
    fs::remove(file, ec);
  } else {
    write_state(file, state);
  }
  return failures;
}

// tbf's bucket: at least one kernel tick's worth of the rate (HZ 250), and at least two 64 KiB
// GSO super-packets, which a smaller bucket would drop whole.
std::string tbf_burst(const std::string &rate) {
  const double per_tick = link_rate_bits(rate) / 8 / 250;
  return std::to_string(static_cast<long long>(std::max(per_tick, 131072.0)));
}

// The address of any interface in `network` on this machine, or "".
std::string network_in_use(const ClusterState &plan) {
  const std::string prefix = plan.bridge_address.substr(0, plan.bridge_address.rfind('.') + 1);
  const launch::CapturedProcess r = launch::run_captured({"ip", "-4", "-o", "addr", "show"});
  if (!r.ok()) throw std::runtime_error("'ip -4 -o addr show' failed: " + trimmed(r.err));
  if (const std::size_t at = r.out.find(" inet " + prefix); at != std::string::npos) {
    const std::size_t line = r.out.rfind('\n', at);
    const std::size_t end = r.out.find('\n', at);
    return trimmed(r.out.substr(line == std::string::npos ? 0 : line + 1,
                                end == std::string::npos ? std::string::npos : end - line - 1));
  }
  return "";
}

class Builder {
 public:
  Builder(ClusterState plan, fs::path file) : state_(std::move(plan)), file_(std::move(file)) {}

  void build() {
    write_state(file_, state_);
    make({"link", state_.bridge}, {"ip", "link", "add", "name", state_.bridge, "type", "bridge"});
    run({"ip", "addr", "add", state_.bridge_address + "/24", "dev", state_.bridge});
    run({"ip", "link", "set", "dev", state_.bridge, "up"});
    for (const Node &n : state_.nodes) add_node(n);
    state_.complete = true;
    write_state(file_, state_);
  }

  // After a failure: everything made so far, deleted in reverse.
  std::vector<std::string> undo_all() { return undo(state_, file_); }

 private:
  // The object is recorded before it is made, so that a kill in between leaves a record `down`
  // finds; a command that fails made nothing (the name may be someone else's), so its record goes.
  void make(const Made &object, const Argv &argv) {
    state_.made.push_back(object);
    write_state(file_, state_);
    try {
      run(argv);
    } catch (...) {
      state_.made.pop_back();
      write_state(file_, state_);
      throw;
    }
  }

  void add_node(const Node &n) {
    make({"netns", n.netns}, {"ip", "netns", "add", n.netns});
    // The peer is born inside the node as eth0: no temporary name in the root namespace.
    make({"link", n.link},
         {"ip", "link", "add", "name", n.link, "type", "veth", "peer", "name", kNodeInterface, "netns", n.netns});
    run({"ip", "-n", n.netns, "addr", "add", n.address + "/24", "dev", kNodeInterface});
    run({"ip", "-n", n.netns, "link", "set", "dev", kNodeInterface, "up"});
    run({"ip", "-n", n.netns, "link", "set", "dev", "lo", "up"});
    run({"ip", "link", "set", "dev", n.link, "master", state_.bridge});
    run({"ip", "link", "set", "dev", n.link, "up"});
    if (!state_.link_rate.empty()) {
      // Both directions of the node's link: into the node (the bridge side's egress) and out of
      // it (eth0's egress), as a full-duplex NIC of that rate.
      const Argv tbf = {"root", "tbf", "rate", state_.link_rate, "burst",
                        tbf_burst(state_.link_rate), "latency", "50ms"};
      Argv into = {"tc", "qdisc", "add", "dev", n.link};
      Argv out_of = {"tc", "-n", n.netns, "qdisc", "add", "dev", kNodeInterface};
      into.insert(into.end(), tbf.begin(), tbf.end());
      out_of.insert(out_of.end(), tbf.begin(), tbf.end());
      run(into);
      run(out_of);
    }
  }

  ClusterState state_;
  fs::path file_;
};

}  // namespace

void require_root(const std::string &what) {
  if (geteuid() != 0) {
    throw InputError(what + ": network namespaces and links need root (effective uid " +
                     std::to_string(geteuid()) + "); expected to run as root");
  }
}

UpOutcome up(const ClusterState &plan, const fs::path &state_file) {
  require_root("cluster up");
  if (const auto existing = read_state(state_file)) {
    if (!existing->complete) {
      throw InputError("cluster up: " + state_file.string() +
                       " records a cluster whose 'up' did not finish; expected none (run "
                       "'hpcpat cluster down' first)");
    }
    if (same_layout(*existing, plan)) return UpOutcome::already_up;
    throw InputError("cluster up: a cluster of " + std::to_string(existing->nodes.size()) +
                     " node(s) is already up (" + state_file.string() +
                     "); expected none (run 'hpcpat cluster down' first)");
  }
  if (const std::string used = network_in_use(plan); !used.empty()) {
    throw InputError("cluster up: --network " + plan.network + " is already in use here (" + used +
                     "); expected a network no interface has (choose another with --network)");
  }
  Builder builder(plan, state_file);
  try {
    builder.build();
  } catch (const std::exception &e) {
    const std::vector<std::string> left = builder.undo_all();
    std::string message = std::string("cluster up: ") + e.what();
    if (left.empty()) {
      message += "; everything made before it was removed";
    } else {
      message += "; could not remove everything (" + state_file.string() +
                 " lists what is left, for 'hpcpat cluster down'):";
      for (const std::string &l : left) message += "\n  " + l;
    }
    throw std::runtime_error(message);
  }
  return UpOutcome::made;
}

bool down(const fs::path &state_file) {
  require_root("cluster down");
  std::optional<ClusterState> state = read_state(state_file);
  if (!state) return false;
  const std::vector<std::string> left = undo(*state, state_file);
  if (!left.empty()) {
    std::string message = "cluster down: could not remove everything (" + state_file.string() +
                          " lists what is left):";
    for (const std::string &l : left) message += "\n  " + l;
    throw std::runtime_error(message);
  }
  return true;
}

std::string describe(const ClusterState &s, const fs::path &state_file) {
  std::string text = "cluster '" + s.name + "' (" + state_file.string() + "): " +
                     std::to_string(s.nodes.size()) + " node(s) on bridge " + s.bridge + ", " +
                     s.network + ", launcher side " + s.bridge_address + ", link rate " +
                     (s.link_rate.empty() ? std::string("unshaped") : s.link_rate) + "\n";
  if (!s.complete) {
    text += "  INCOMPLETE: an 'up' failed or was stopped halfway; 'hpcpat cluster down' removes "
            "what it made\n";
  }
  for (const Node &n : s.nodes) {
    text += "  " + n.host + "  " + n.address + "  namespace " + n.netns + "  link " + n.link + "\n";
  }
  return text;
}

}  // namespace hpcpat::cluster
