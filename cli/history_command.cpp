// hpcpat history CASE [--results DIR] [--metric wall|fom|mpi-fraction] [--alpha A]
// [--min-segment N] [--ignore-parameter NAME]... [--json]: a case's metric and MPI fraction across
// the studies of the store, in the order the studies started, change points marked
// (analysis/compare; docs/compare.md).
#include <cmath>
#include <cstdio>
#include <ctime>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "analysis_options.hpp"
#include "bounds.hpp"
#include "exit_codes.hpp"
#include "hpcpat/base/display_command.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/compare/history.hpp"
#include "results_dir.hpp"
#include "results_view.hpp"
#include "study_runs.hpp"
#include "subcommands.hpp"

namespace hpcpat::cli {
namespace {

struct HistoryFlags {
  std::string case_name, results, metric = "wall";
  std::vector<std::string> ignore;
  double alpha = 0.05;
  std::size_t min_segment = 2;
  bool json = false;
};

std::string utc(double epoch_s) {
  const auto t = static_cast<std::time_t>(epoch_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void print_text(const compare::History &h) {
  const std::string unit = h.unit.empty() ? "" : " (" + h.unit + ")";
  std::printf(
      "case %s  metric %s%s; change points: binary segmentation, Mann-Whitney, alpha %g "
      "(Bonferroni), at least %zu studies per segment\n",
      printable(h.case_name).c_str(), std::string(compare::metric_name(h.metric)).c_str(),
      unit.c_str(), h.options.alpha, h.options.min_segment);
  for (const compare::HistorySeries &s : h.series) {
    std::printf("\n%s\n", printable(s.config.key).c_str());
    TextTable t;
    t.header = {"study", "started", "n", std::string(compare::metric_name(h.metric)),
                "mpi%",  "change"};
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      const compare::HistoryPoint &p = s.points[i];
      std::string mark;
      for (const compare::ChangePoint &cp : s.changes) {
        if (cp.index != i) continue;
        char buf[64];
        if (cp.change) {
          std::snprintf(buf, sizeof buf, "* %+.1f%% (p %.2g)", *cp.change * 100, cp.p);
        } else {
          std::snprintf(buf, sizeof buf, "* (p %.2g)", cp.p);
        }
        mark = buf;
      }
      t.rows.push_back({p.study, utc(p.started_epoch_s), static_cast<std::int64_t>(p.values.size()),
                        rounded_cell(p.value), rounded_cell(p.mpi_fraction, 100, 1), mark});
    }
    std::fputs(render_text(t).c_str(), stdout);
  }
}

int run_history(const HistoryFlags &f) {
  if (!(f.alpha > 0 && f.alpha < 1)) throw InputError("--alpha: expected a number in (0, 1)");
  const store::Store s = open_results_store(f.results, store::Store::Mode::existing);
  std::set<std::string> studies;
  for (const store::IndexRow &row : s.rows(store::Query{})) studies.insert(row.study);
  std::vector<runs::RunSample> samples;
  for (const std::string &study : studies) {
    for (runs::RunSample &r : load_study_runs(s, study)) samples.push_back(std::move(r));
  }
  compare::ChangePointOptions options;
  options.alpha = f.alpha;
  options.min_segment = f.min_segment;
  const compare::History h = compare::build_history(
      samples, f.case_name, *compare::parse_metric(f.metric), options, f.ignore);
  if (f.json) {
    std::printf("%s\n", compare::history_json(h).dump(2).c_str());
  } else {
    print_text(h);
  }
  return kExitOk;
}

}  // namespace

Subcommand add_history_command(CLI::App &parent) {
  auto f = std::make_shared<HistoryFlags>();
  CLI::App *sub = parent.add_subcommand(
      "history",
      "A case's metric and MPI fraction across the studies in the store, with change "
      "points");
  sub->add_option("CASE", f->case_name, "The study case")->required();
  sub->add_option("--results", f->results, results_flag_help());
  add_metric_option(sub, f->metric);
  sub->add_option("--alpha", f->alpha, "Significance level of a change point (default 0.05)");
  sub->add_option("--min-segment", f->min_segment,
                  "Fewest studies between change points (default 2)")
      ->check(integer_at_least(1));
  sub->add_option("--ignore-parameter", f->ignore,
                  "Key configurations without this parameter (repeatable)");
  sub->add_flag("--json", f->json, "Print JSON (schemas/history.v1.schema.json)");
  return {sub, [f]() { return run_history(*f); }};
}

}  // namespace hpcpat::cli
