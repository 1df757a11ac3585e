// Each subcommand registers its options on the parent CLI11 app and returns the action main()
// runs after a successful parse. Actions return an exit code and report bad input by throwing
// hpcpat::InputError (main turns it into one message and exit status 2).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

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

}  // namespace hpcpat::cli
