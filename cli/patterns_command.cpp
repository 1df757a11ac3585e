// hpcpat patterns STUDY | PROFILE... [--results DIR] [--json] [--no-store] [--max-size MiB]:
// what communication pattern each run has (analysis/patterns; docs/patterns.md). A study's runs
// come from the results store (study_runs.hpp) and their labels are stored with them
// (Store::put_patterns: patterns.json in the run folder, the `labels` column of the index);
// profile files or folders are read as `hpcpat show` reads them, one run per argument.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "exit_codes.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/patterns/patterns.hpp"
#include "hpcpat/patterns/patterns_view.hpp"
#include "hpcpat/profile/profile_inputs.hpp"
#include "study_runs.hpp"
#include "subcommands.hpp"

namespace hpcpat::cli {
namespace {

namespace fs = std::filesystem;

struct Options {
  std::vector<std::string> inputs;
  std::string results;
  bool json = false, no_store = false, thresholds = false;
  std::uint64_t max_mib = kDefaultMaxInputBytes >> 20;
};

// An argument that names an existing file or folder is a profile; anything else a study name.
bool is_path(const std::string &input) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(input, ec));
}

patterns::PatternsReport classify_study(const Options &o) {
  if (o.inputs.size() != 1) {
    throw InputError("'" + o.inputs[1] + "': no such file or folder; expected one study name, "
                     "or profile files and folders");
  }
  store::Store store = open_results_store(o.results, store::Store::Mode::existing);
  const std::vector<runs::RunSample> samples = load_study_runs(store, o.inputs.front());
  if (samples.empty()) {
    throw InputError("study '" + o.inputs.front() + "' has no complete run; nothing to classify");
  }
  patterns::PatternsReport report = patterns::analyse_study(samples, o.max_mib << 20);
  if (!o.no_store) {
    for (const patterns::PatternedRun &r : report.runs) {
      nlohmann::json doc = patterns::run_json(r);
      doc["schema"] = patterns::kPatternsSchemaId;
      for (const std::string &note : store.put_patterns(r.study, r.name, doc)) {
        std::fprintf(stderr, "hpcpat: %s\n", note.c_str());
      }
    }
  }
  return report;
}

patterns::PatternsReport classify_profiles(const Options &o) {
  std::vector<patterns::NamedProfile> profiles;
  for (const std::string &input : o.inputs) {
    profile::ProfileRead read =
        profile::read_profiles({input}, o.max_mib << 20, "(raise it with --max-size MiB)");
    profiles.push_back({read.shown_as, std::move(read.profile)});
  }
  return patterns::analyse_profiles(std::move(profiles));
}

}  // namespace

Subcommand add_patterns_command(CLI::App &parent) {
  auto o = std::make_shared<Options>();
  CLI::App *sub = parent.add_subcommand(
      "patterns",
      "Label each run's communication pattern (compute-bound, latency- or bandwidth-bound "
      "point-to-point, halo, allreduce- or alltoall-heavy, synchronisation/imbalance) with the "
      "features that decided it (docs/patterns.md). For a STUDY the labels are stored with its "
      "runs (RESULTS/<study>/<run>/patterns.json and the index's `labels`, shown by hpcpat "
      "results) unless --no-store");
  sub->add_option("input", o->inputs,
                  "A study in the results store, or profile files and folders (each one run, "
                  "read as hpcpat show reads it); an existing path is a profile");
  sub->add_option("--results", o->results,
                  "The results store (default: $HPCPAT_RESULTS, else ./hpcpat-results)");
  sub->add_flag("--json", o->json,
                "Print the classification as JSON (schemas/patterns.v1.schema.json)");
  sub->add_flag("--no-store", o->no_store, "With a STUDY: do not store the labels");
  sub->add_option("--max-size", o->max_mib,
                  "Largest profile read, in MiB, per file (larger files are refused, exit 2)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_flag("--thresholds-markdown", o->thresholds,
                "Print the rules' threshold table as docs/patterns.md holds it, and exit");

  return {sub, [o]() {
            if (o->thresholds) {
              std::fputs(patterns::thresholds_markdown().c_str(), stdout);
              return kExitOk;
            }
            if (o->inputs.empty()) {
              throw InputError("patterns: expected a study name or profile files and folders");
            }
            const bool profiles = is_path(o->inputs.front());
            const patterns::PatternsReport report =
                profiles ? classify_profiles(*o) : classify_study(*o);
            if (o->json) {
              std::fputs((patterns::report_json(report).dump(2) + "\n").c_str(), stdout);
            } else {
              std::fputs(patterns::report_text(report).c_str(), stdout);
            }
            return kExitOk;
          }};
}

}  // namespace hpcpat::cli
