// hpcpat report STUDY [-o FILE] [--results DIR] [--baseline STUDY] [--force]: the study as one
// self-contained HTML page with plots (analysis/html) and the analyses' results (patterns, strong
// scaling, duration models; with --baseline, the regression check against that study; for a
// validation study, its ensemble's predicted against measured), written atomically; an existing
// file is kept unless --force. An analysis that cannot be made is a note on stderr, not a failure.
#include <cstdio>
#include <memory>
#include <string>

#include "build_config.hpp"
#include "exit_codes.hpp"
#include "hpcpat/base/atomic_file.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/compare/compare.hpp"
#include "hpcpat/compare/compare_json.hpp"
#include "hpcpat/compare/measurements.hpp"
#include "hpcpat/html/study_report.hpp"
#include "hpcpat/launch/pmpi_library.hpp"
#include "hpcpat/models/duration_model.hpp"
#include "hpcpat/models/models_json.hpp"
#include "hpcpat/models/scaling.hpp"
#include "hpcpat/patterns/patterns.hpp"
#include "hpcpat/patterns/patterns_view.hpp"
#include "results_dir.hpp"
#include "study_runs.hpp"
#include "subcommands.hpp"
#include "synth_validate.hpp"

namespace hpcpat::cli {
namespace {

namespace fs = std::filesystem;

// <bin>/<bin-to-share>/hpcpat/report: the build tree and an install lay it out alike.
fs::path report_assets_dir() {
  return (launch::current_executable().parent_path() / build_config().bin_to_share / "hpcpat" /
          "report")
      .lexically_normal();
}

// The analyses the page shows, each as its command prints it with --json.
void add_analyses(html::StudyReportInput &input, const store::Store &store,
                  const std::string &baseline, std::vector<std::string> &notes) {
  try {
    input.patterns = patterns::report_json(patterns::analyse_study(input.runs));
  } catch (const InputError &e) {
    notes.push_back(std::string("patterns left out: ") + e.what());
  }
  input.scaling = models::scaling_json(models::analyse_scaling(input.runs, {}), input.study);
  input.model = models::model_json(models::fit_duration_models(input.runs), input.study);
  if (!baseline.empty()) {  // a bad --baseline is bad input, not a note
    const std::vector<runs::RunSample> base_runs = load_study_runs(store, baseline);
    const compare::MeasurementSet base =
        compare::measurements_of_runs(base_runs, compare::Metric::wall, {}, baseline);
    const compare::MeasurementSet now =
        compare::measurements_of_runs(input.runs, compare::Metric::wall, {}, input.study);
    input.compare = compare::compare_json(compare::compare(base, now, {}), {});
  }
  input.validation = stored_validation(store, input.study, input.runs);
}

}  // namespace

Subcommand add_report_command(CLI::App &parent) {
  struct Options {
    std::string study, results, output, baseline;
    bool force = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App *sub = parent.add_subcommand(
      "report", "Write a study as one HTML page with plots that opens offline");
  sub->add_option("study", options->study, "The study, as hpcpat results list names it")
      ->required();
  sub->add_option("--results", options->results, results_flag_help());
  sub->add_option("-o,--output", options->output,
                  "The page to write (default: STUDY-report.html here)");
  sub->add_option("--baseline", options->baseline,
                  "A study of the same store to check this one against (wall time, as hpcpat "
                  "compare BASELINE STUDY does by default)");
  sub->add_flag("--force", options->force, "Replace the page if it exists (a regular file only)");
  return {sub, [options]() {
            const std::string output =
                options->output.empty() ? options->study + "-report.html" : options->output;
            if (const std::string why = base::check_writable(output); !why.empty()) {
              throw InputError("-o '" + output + "': " + why);
            }
            const store::Store store =
                open_results_store(options->results, store::Store::Mode::existing);
            html::StudyReportInput input;
            input.study = options->study;
            input.runs = load_study_runs(store, options->study);
            const BuildConfig &c = build_config();
            input.generated_by = "hpcpat " + c.version + " (git " + c.git_sha + ")";
            std::vector<std::string> notes;
            add_analyses(input, store, options->baseline, notes);
            html::StudyReport page =
                html::render_study_report(input, html::load_report_assets(report_assets_dir()));
            notes.insert(notes.end(), page.notes.begin(), page.notes.end());
            for (const std::string &note : notes) {
              std::fprintf(stderr, "hpcpat: %s\n", note.c_str());
            }
            const std::string error = base::write_file_atomically(
                output, page.html, base::Durability::crash_safe,
                options->force ? base::Replace::regular_file : base::Replace::never);
            if (!error.empty()) {
              throw InputError(error + (options->force ? "" : " (give --force to replace it)"));
            }
            std::printf("%s: %zu runs, %zu plots\n", output.c_str(), input.runs.size(),
                        page.plots);
            return kExitOk;
          }};
}

}  // namespace hpcpat::cli
