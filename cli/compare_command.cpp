// hpcpat compare BASE NEW [--results DIR] [--metric wall|fom|mpi-fraction] [--threshold F]
// [--alpha A] [--min-repeats N] [--test mann-whitney|welch] [--references FILE]
// [--ignore-parameter NAME]... [--json]: a regression check of NEW against BASE
// (analysis/compare; methods in docs/compare.md). BASE and NEW are each a study in the store,
// STUDY:GLOB (the study's runs whose names match the shell pattern GLOB), or a Google Benchmark
// JSON file. Exit 1 on a regression or a failed reference, 2 on bad input, else 0.
#include <fnmatch.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis_options.hpp"
#include "bounds.hpp"
#include "exit_codes.hpp"
#include "hpcpat/base/display_command.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/compare/compare.hpp"
#include "hpcpat/compare/compare_json.hpp"
#include "hpcpat/compare/google_benchmark.hpp"
#include "hpcpat/compare/references.hpp"
#include "results_dir.hpp"
#include "results_view.hpp"
#include "study_runs.hpp"
#include "subcommands.hpp"

namespace hpcpat::cli {
namespace {

struct CompareFlags {
  std::string base, next, results, metric = "wall", test = "mann-whitney", references;
  std::vector<std::string> ignore;
  double threshold = 0.05, alpha = 0.05;
  std::size_t min_repeats = 4;
  bool json = false;
};

// A side of the comparison. A path to a Google Benchmark file is read as one; anything else is
// STUDY or STUDY:GLOB in the store (opened once, on first need).
compare::MeasurementSet load_side(const std::string &arg, const char *which, const CompareFlags &f,
                                  compare::Metric metric, std::optional<store::Store> &store) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(arg, ec)) {
    if (!compare::is_google_benchmark_file(arg)) {
      throw InputError(std::string(which) + " '" + printable(arg) +
                       "': a file but no Google Benchmark JSON (no \"benchmarks\"); expected a "
                       "study, STUDY:GLOB or a --benchmark_format=json file");
    }
    return compare::read_google_benchmark(arg, metric);
  }
  const auto colon = arg.find(':');
  const std::string study = arg.substr(0, colon);
  const std::string glob = colon == std::string::npos ? "*" : arg.substr(colon + 1);
  if (study.empty() || glob.empty()) {
    throw InputError(std::string(which) + " '" + printable(arg) +
                     "': expected STUDY, STUDY:GLOB or a Google Benchmark JSON file");
  }
  if (!store) store.emplace(open_results_store(f.results, store::Store::Mode::existing));
  std::vector<runs::RunSample> chosen;
  for (runs::RunSample &r : load_study_runs(*store, study)) {
    if (fnmatch(glob.c_str(), r.run.c_str(), 0) == 0) chosen.push_back(std::move(r));
  }
  if (chosen.empty()) {
    throw InputError(std::string(which) + " '" + printable(arg) + "': no run of study '" +
                     printable(study) + "' matches '" + printable(glob) +
                     "'; expected a shell pattern of run names");
  }
  return compare::measurements_of_runs(chosen, metric, f.ignore, arg);
}

std::string configuration(const compare::Series &s) {
  std::string text = s.case_name;
  if (s.nodes) text += " nodes=" + std::to_string(*s.nodes);
  if (s.ranks) text += " ranks=" + std::to_string(*s.ranks);
  for (const auto &[name, value] : s.parameters.items()) text += " " + name + "=" + value.dump();
  return text;
}

std::string percent(std::optional<double> v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f%%", *v * 100);
  return buf;
}

void print_text(const compare::Comparison &c, const std::vector<compare::ReferenceCheck> &checks) {
  const std::string unit = c.next->unit.empty() ? "" : " (" + c.next->unit + ")";
  std::printf("BASE %s  NEW %s  metric %s%s, %s is better; %s test, alpha %g, threshold %g%%\n",
              printable(c.base->source).c_str(), printable(c.next->source).c_str(),
              std::string(compare::metric_name(c.next->metric)).c_str(), unit.c_str(),
              compare::higher_is_better(c.next->metric) ? "higher" : "lower",
              std::string(compare::test_name(c.options.test)).c_str(), c.options.alpha,
              c.options.threshold * 100);
  TextTable t;
  t.header = {"configuration", "n_base", "n_new", "median_base", "median_new",
              "change",        "ci",     "p_mw",  "p_welch",     "verdict"};
  for (const compare::PairResult &r : c.pairs) {
    const std::string ci =
        r.change_ci.valid ? "[" + percent(r.change_ci.low) + ", " + percent(r.change_ci.high) + "]"
                          : "";
    t.rows.push_back({configuration(*r.next), static_cast<std::int64_t>(r.base->values.size()),
                      static_cast<std::int64_t>(r.next->values.size()), rounded_cell(r.median_base),
                      rounded_cell(r.median_next), percent(r.change), ci,
                      rounded_cell(r.mann_whitney.p),
                      r.welch.defined ? rounded_cell(r.welch.p) : store::Cell{},
                      std::string(compare::verdict_name(r.verdict))});
  }
  std::fputs(render_text(t).c_str(), stdout);
  for (const compare::PairResult &r : c.pairs) {
    if (r.verdict == compare::Verdict::too_few_repeats ||
        r.verdict == compare::Verdict::regression) {
      std::printf("%s: %s: %s\n", std::string(compare::verdict_name(r.verdict)).c_str(),
                  printable(configuration(*r.next)).c_str(), r.reason.c_str());
    }
  }
  for (const compare::Series *s : c.only_base) {
    std::printf("only in BASE: %s\n", printable(configuration(*s)).c_str());
  }
  for (const compare::Series *s : c.only_next) {
    std::printf("only in NEW: %s\n", printable(configuration(*s)).c_str());
  }
  if (checks.empty()) return;
  TextTable refs;
  refs.header = {"reference", "configuration", "value",    "lowest",
                 "highest",   "unit",          "measured", "status"};
  for (const compare::ReferenceCheck &check : checks) {
    const compare::Reference &ref = *check.reference;
    refs.rows.push_back({ref.where, check.series ? configuration(*check.series) : ref.case_name,
                         rounded_cell(ref.value), rounded_cell(ref.lowest()),
                         rounded_cell(ref.highest()), ref.unit, rounded_cell(check.measured),
                         std::string(compare::reference_status_name(check.status))});
  }
  std::fputs(render_text(refs).c_str(), stdout);
}

int run_compare(const CompareFlags &f) {
  if (!(f.threshold >= 0) || !std::isfinite(f.threshold)) {
    throw InputError("--threshold: expected a relative change >= 0 (0.05 is 5%)");
  }
  if (!(f.alpha > 0 && f.alpha < 1)) throw InputError("--alpha: expected a number in (0, 1)");
  const compare::Metric metric = *compare::parse_metric(f.metric);  // CLI11 checked the name
  compare::CompareOptions options;
  options.threshold = f.threshold;
  options.alpha = f.alpha;
  options.min_repeats = f.min_repeats;
  options.test = f.test == "welch" ? compare::Test::welch : compare::Test::mann_whitney;
  std::vector<compare::Reference> references;
  if (!f.references.empty()) references = compare::read_references(f.references);
  std::optional<store::Store> store;
  const compare::MeasurementSet base = load_side(f.base, "BASE", f, metric, store);
  const compare::MeasurementSet next = load_side(f.next, "NEW", f, metric, store);
  const compare::Comparison c = compare::compare(base, next, options);
  if (c.pairs.empty()) {
    throw InputError("BASE '" + printable(f.base) + "' and NEW '" + printable(f.next) +
                     "' have no configuration in common; expected the same cases, parameters, "
                     "nodes and ranks (--ignore-parameter NAME leaves a parameter out)");
  }
  const std::vector<compare::ReferenceCheck> checks = compare::check_references(references, next);
  if (f.json) {
    std::printf("%s\n", compare::compare_json(c, checks).dump(2).c_str());
  } else {
    print_text(c, checks);
  }
  return compare::has_regression(c) || compare::references_failed(checks) ? kExitRunFailed
                                                                          : kExitOk;
}

}  // namespace

Subcommand add_compare_command(CLI::App &parent) {
  auto f = std::make_shared<CompareFlags>();
  CLI::App *sub = parent.add_subcommand(
      "compare",
      "Regression check of NEW against BASE (studies, STUDY:GLOB run sets or Google "
      "Benchmark JSON files); exit 1 on a regression");
  sub->add_option("BASE", f->base, "STUDY, STUDY:GLOB (runs by name) or a Google Benchmark file")
      ->required();
  sub->add_option("NEW", f->next, "STUDY, STUDY:GLOB or a Google Benchmark file")->required();
  sub->add_option("--results", f->results, results_flag_help());
  add_metric_option(sub, f->metric);
  sub->add_option("--threshold", f->threshold,
                  "Smallest relative change of the median that matters (default 0.05)");
  sub->add_option("--alpha", f->alpha, "Significance level (default 0.05)");
  sub->add_option("--min-repeats", f->min_repeats, "Fewest repeats per side to judge (default 4)")
      ->check(integer_at_least(1));
  sub->add_option("--test", f->test, "The deciding test: mann-whitney (default) or welch")
      ->check(CLI::IsMember({"mann-whitney", "welch"}));
  sub->add_option("--references", f->references,
                  "YAML file of ReFrame-style references (value, lower, upper, unit)");
  sub->add_option("--ignore-parameter", f->ignore,
                  "Pair configurations without this parameter (repeatable)");
  sub->add_flag("--json", f->json, "Print JSON (schemas/compare.v1.schema.json)");
  return {sub, [f]() { return run_compare(*f); }};
}

}  // namespace hpcpat::cli
