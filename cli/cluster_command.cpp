// hpcpat cluster up --nodes N [--link-rate RATE] | down | status | rsh HOST CMD...: emulated nodes
// on this machine (harness/cluster): network namespaces on a bridge, each with its own host name
// and address, for multi-node runs with `hpcpat profile --cluster`. Flags in, calls out.
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "exit_codes.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/cluster/cluster.hpp"
#include "hpcpat/cluster/rsh_agent.hpp"
#include "subcommands.hpp"

namespace hpcpat::cli {
namespace {

struct ClusterOptions {
  int nodes = 0;
  std::string link_rate;
  std::string name = "hpcpat";
  std::string network = "10.213.0.0/24";
  std::string host;
  std::vector<std::string> command;
};

// A failed ip/tc step is a failed run of the command (1); bad input (InputError) goes on to main.
template <typename Action>
int reporting_failures(Action action) {
  try {
    return action();
  } catch (const InputError &) {
    throw;
  } catch (const std::runtime_error &e) {
    std::fprintf(stderr, "hpcpat: %s\n", e.what());
    return kExitRunFailed;
  }
}

int run_up(const ClusterOptions &o) {
  const cluster::ClusterState plan =
      cluster::plan_cluster(o.nodes, o.name, o.network, o.link_rate);
  const auto file = cluster::state_path();
  return reporting_failures([&] {
    if (cluster::up(plan, file) == cluster::UpOutcome::already_up) {
      std::fprintf(stderr, "hpcpat: cluster up: this cluster is already up; nothing done\n");
    }
    std::fputs(cluster::describe(*cluster::read_state(file), file).c_str(), stdout);
    return kExitOk;
  });
}

int run_down() {
  const auto file = cluster::state_path();
  return reporting_failures([&] {
    if (!cluster::down(file)) {
      std::fprintf(stderr, "hpcpat: cluster down: no cluster is up (%s does not exist)\n",
                   file.c_str());
    }
    return kExitOk;
  });
}

int run_status() {
  const auto file = cluster::state_path();
  const auto state = cluster::read_state(file);
  if (!state) {
    std::printf("no cluster is up (%s does not exist)\n", file.c_str());
    return kExitOk;
  }
  std::fputs(cluster::describe(*state, file).c_str(), stdout);
  return kExitOk;
}

}  // namespace

int run_cluster_rsh(const std::string &host, const std::vector<std::string> &command) {
  return reporting_failures([&]() -> int { cluster::rsh_exec(cluster::state_path(), host, command); });
}

Subcommand add_cluster_command(CLI::App &parent) {
  auto o = std::make_shared<ClusterOptions>();
  CLI::App *sub = parent.add_subcommand(
      "cluster", "Emulated nodes on this machine (network namespaces on a bridge), root only");
  sub->require_subcommand(1);
  CLI::App *up = sub->add_subcommand("up", "Stand up N nodes: node1..nodeN, one namespace each");
  up->add_option("--nodes", o->nodes, "Number of nodes (1-64)")->required();
  up->add_option("--link-rate", o->link_rate,
                 "Cap each node's link with a tc tbf qdisc, e.g. 1gbit (default: unshaped)");
  up->add_option("--name", o->name, "Prefix of the namespaces and links")->capture_default_str();
  up->add_option("--network", o->network, "The nodes' network, 10.X.Y.0/24")
      ->capture_default_str();
  CLI::App *down = sub->add_subcommand("down", "Remove everything 'up' made");
  CLI::App *status = sub->add_subcommand("status", "Print the nodes that are up");
  CLI::App *rsh = sub->add_subcommand(
      "rsh", "The launchers' rsh agent: run a command line on node HOST (as ssh HOST CMD does)");
  rsh->add_option("host", o->host, "A node's host name")->required();
  rsh->add_option("command", o->command, "The remote command line's words")->required();
  rsh->prefix_command();  // the remote words are the launcher's, flags included
  return {sub, [o, up, down, status, rsh]() {
            if (up->parsed()) return run_up(*o);
            if (down->parsed()) return run_down();
            if (status->parsed()) return run_status();
            if (rsh->parsed()) return run_cluster_rsh(o->host, o->command);
            return kExitBadInput;
          }};
}

}  // namespace hpcpat::cli
