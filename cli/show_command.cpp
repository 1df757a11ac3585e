// hpcpat show PROFILE.json [--json] [--max-size MiB]: the summary of an existing profile, as text
// or as JSON. Only a regular file of at most --max-size is read (a FIFO, /dev/zero or a runaway
// file is refused with exit status 2 instead of hanging or exhausting memory).
#include <cstdint>
#include <cstdio>
#include <memory>

#include "bounds.hpp"
#include "exit_codes.hpp"
#include "hpcpat/profile/profile_reader.hpp"
#include "hpcpat/report/summary_reporter.hpp"
#include "subcommands.hpp"

namespace hpcpat::cli {

Subcommand add_show_command(CLI::App &parent) {
  struct Options {
    std::string path;
    std::size_t top = 10;
    bool json = false;
    std::uint64_t max_mib = kDefaultMaxInputBytes >> 20;
  };
  auto options = std::make_shared<Options>();
  CLI::App *sub = parent.add_subcommand("show", "Print the summary of a profile JSON file");
  sub->add_option("profile", options->path, "Profile written by hpcpat profile / libhpcpat-pmpi")
      ->required();
  sub->add_option("--top", options->top, "Rows of the call table (0: all)")
      ->check(integer_at_least(0));
  sub->add_flag("--json", options->json,
                "Print the summary as JSON (schemas/summary.v1.schema.json) instead of text");
  sub->add_option("--max-size", options->max_mib,
                  "Largest profile read, in MiB (larger files are refused, exit 2)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();

  return {sub, [options]() {
            profile::Profile p = profile::read_profile(
                options->path, options->max_mib << 20, "(raise it with --max-size MiB)");
            auto reporter = report::make_summary_reporter(
                options->json ? report::SummaryFormat::json : report::SummaryFormat::text);
            std::fputs(reporter->report(p, {options->top, options->path}).c_str(), stdout);
            return kExitOk;
          }};
}

}  // namespace hpcpat::cli
