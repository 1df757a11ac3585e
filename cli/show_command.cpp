// hpcpat show PROFILE.json... | DIR [--json | --caliper] [--ranks] [--histograms] [--matrix]
// [--max-size MiB]: the summary of an existing profile, as text or as JSON (or the profile in
// Caliper's json-split format, for Hatchet and Thicket), with the optional views mpiP, IPM and
// mpitrace users look for. Several files of one run, or a directory, have their partial dumps
// merged into one summary (hpcpat/profile/profile_inputs.hpp). Only regular files of at most
// --max-size are read (a FIFO, /dev/zero or a runaway file is refused with exit status 2 instead
// of hanging or exhausting memory).
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bounds.hpp"
#include "exit_codes.hpp"
#include "hpcpat/profile/profile_inputs.hpp"
#include "hpcpat/report/summary_reporter.hpp"
#include "subcommands.hpp"

namespace hpcpat::cli {

Subcommand add_show_command(CLI::App &parent) {
  struct Options {
    std::vector<std::string> paths;
    std::size_t top = 10;
    bool json = false, caliper = false;
    bool ranks = false, histograms = false, matrix = false;
    std::uint64_t max_mib = kDefaultMaxInputBytes >> 20;
  };
  auto options = std::make_shared<Options>();
  CLI::App *sub = parent.add_subcommand("show", "Print the summary of a profile JSON file, or of one run's partial dumps merged");
  sub->add_option("profile", options->paths,
                  "Profile written by hpcpat profile / libhpcpat-pmpi; several files of one run, "
                  "or a directory, have their partial dumps (*.rank<N>.partial.json) merged")
      ->required();
  sub->add_option("--top", options->top,
                  "Rows of the call table and pairs of the --matrix list (0: all)")
      ->check(integer_at_least(0));
  sub->add_flag("--json", options->json,
                "Print the summary as JSON (schemas/summary.v1.schema.json) instead of text");
  sub->add_flag("--caliper", options->caliper,
                "Print the profile in Caliper's json-split format instead, which Hatchet's and "
                "Thicket's CaliperReader load (one call-tree node per MPI routine, per rank)")
      ->excludes("--json");
  sub->add_flag("--ranks", options->ranks,
                "Add the per-rank table: AppTime, MPITime, MPI% and how each rank ended, with "
                "mean/min/max rows (mpiP's Task Time Statistics)");
  sub->add_flag("--histograms", options->histograms,
                "Add message-size histograms per call: count, time and bytes per size bin");
  sub->add_flag("--matrix", options->matrix,
                "Add the communication matrix: messages and bytes per sender and receiver (grids "
                "up to 8 ranks) and the --top heaviest pairs");
  sub->add_option("--max-size", options->max_mib,
                  "Largest profile read, in MiB, per file (larger files are refused, exit 2)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();

  return {sub, [options]() {
            profile::ProfileRead read = profile::read_profiles(
                options->paths, options->max_mib << 20, "(raise it with --max-size MiB)");
            auto reporter = report::make_summary_reporter(
                options->caliper ? report::SummaryFormat::caliper
                : options->json  ? report::SummaryFormat::json
                                 : report::SummaryFormat::text);
            report::SummaryOptions view{options->top, read.shown_as};
            view.ranks = options->ranks;
            view.histograms = options->histograms;
            view.matrix = options->matrix;
            std::fputs(reporter->report(read.profile, view).c_str(), stdout);
            return kExitOk;
          }};
}

}  // namespace hpcpat::cli
