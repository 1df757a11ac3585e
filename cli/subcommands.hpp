// Each subcommand registers its options on the parent CLI11 app and returns the action main()
// runs after a successful parse. Actions return an exit code and report bad input by throwing
// hpcpat::InputError (main turns it into one message and exit status 2).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace hpcpat::cli {

struct Subcommand {
  CLI::App *app = nullptr;
  std::function<int()> run;
};

Subcommand add_profile_command(CLI::App &parent);
Subcommand add_show_command(CLI::App &parent);
Subcommand add_run_command(CLI::App &parent);
Subcommand add_results_command(CLI::App &parent);
Subcommand add_scale_command(CLI::App &parent);
Subcommand add_cluster_command(CLI::App &parent);
Subcommand add_report_command(CLI::App &parent);
Subcommand add_compare_command(CLI::App &parent);
Subcommand add_history_command(CLI::App &parent);
Subcommand add_patterns_command(CLI::App &parent);
Subcommand add_scaling_command(CLI::App &parent);
Subcommand add_model_command(CLI::App &parent);
Subcommand add_synth_command(CLI::App &parent);
Subcommand add_containers_command(CLI::App &parent);
Subcommand add_push_command(CLI::App &parent);

// `hpcpat cluster rsh HOST CMD...` and the hpcpat-rsh program: replaces this process with CMD on
// node HOST; returns 1 when the node cannot be entered, throws InputError for bad input.
int run_cluster_rsh(const std::string &host, const std::vector<std::string> &command);

}  // namespace hpcpat::cli
