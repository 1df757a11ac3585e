// hpcpat show PROFILE.json: the text summary of an existing profile.
#include <cstdio>
#include <memory>

#include "exit_codes.hpp"
#include "hpcpat/profile/profile_reader.hpp"
#include "hpcpat/profile/summary_text.hpp"
#include "subcommands.hpp"

namespace hpcpat::cli {

Subcommand add_show_command(CLI::App &parent) {
  struct Options {
    std::string path;
    std::size_t top = 10;
  };
  auto options = std::make_shared<Options>();
  CLI::App *sub = parent.add_subcommand("show", "Print the summary of a profile JSON file");
  sub->add_option("profile", options->path, "Profile written by hpcpat profile / libhpcpat-pmpi")
      ->required();
  sub->add_option("--top", options->top, "Rows of the call table (0: all)")
      ->check(CLI::NonNegativeNumber);

  return {sub, [options]() {
            profile::Profile p = profile::read_profile(options->path);
            std::string text = profile::render_summary(p, {options->top, options->path});
            std::fputs(text.c_str(), stdout);
            return kExitOk;
          }};
}

}  // namespace hpcpat::cli
