// hpcpat: the command boundary. Parses the command line, runs the chosen subcommand and turns
// every failure into one message and the documented exit code (0 ok, 1 run failed, 2 bad input).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "build_config.hpp"
#include "exit_codes.hpp"
#include "help_env.hpp"
#include "hpcpat/base/input_error.hpp"
#include "subcommands.hpp"

int main(int argc, char **argv) {
  using namespace hpcpat::cli;
  CLI::App app{
      "hpcpat: measure what MPI applications do (MPI time per rank, calls, sizes, "
      "partners)",
      "hpcpat"};
  const BuildConfig &config = build_config();
  app.set_version_flag("--version", "hpcpat " + config.version + " (git " + config.git_sha +
                                        ", built for " + config.mpi_flavour + ")");
  app.require_subcommand(1);
  // --help-env works like --help: it answers during the parse, so no subcommand is needed.
  // --markdown is declared first because CLI11 runs option callbacks in declaration order.
  bool markdown = false;
  app.add_flag("--markdown", markdown, "With --help-env: print the table as Markdown");
  app.add_flag_callback(
      "--help-env",
      [&markdown]() {
        std::fputs((markdown ? render_settings_markdown() : render_settings_text()).c_str(),
                   stdout);
        throw CLI::Success();
      },
      "Print every HPCPAT_* environment variable (docs/settings.md) and exit");
  std::vector<Subcommand> subcommands = {add_profile_command(app), add_show_command(app),
                                         add_run_command(app), add_scale_command(app),
                                         add_results_command(app), add_cluster_command(app),
                                         add_report_command(app),  add_compare_command(app),
                                         add_history_command(app), add_patterns_command(app),
                                         add_scaling_command(app), add_model_command(app), add_synth_command(app),
                                         add_containers_command(app), add_push_command(app)};

  // CLI11 takes a word that is no subcommand for a stray argument and answers "A subcommand is
  // required"; name the word and the choices instead. Top-level flags take no values, so the
  // first word not starting with '-' is the subcommand.
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.empty() || word[0] == '-') continue;
    std::string names;
    bool known = false;
    for (const Subcommand &s : subcommands) {
      known = known || s.app->check_name(word);
      names += (names.empty() ? "" : ", ") + s.app->get_name();
    }
    if (known) break;
    std::fprintf(stderr,
                 "hpcpat: unknown subcommand '%s'; expected one of %s\nRun 'hpcpat --help' for "
                 "usage.\n",
                 word.c_str(), names.c_str());
    return kExitBadInput;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success &e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError &e) {
    std::fprintf(stderr, "hpcpat: %s\nRun 'hpcpat --help' for usage.\n", e.what());
    return kExitBadInput;
  }

  try {
    for (const Subcommand &s : subcommands) {
      if (s.app->parsed()) return s.run();
    }
    return kExitBadInput;  // unreachable: CLI11 requires one subcommand
  } catch (const hpcpat::InputError &e) {
    std::fprintf(stderr, "hpcpat: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "hpcpat: internal error: %s\n", e.what());
    return kExitRunFailed;
  }
}
