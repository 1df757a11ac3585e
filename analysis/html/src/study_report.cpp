#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "hpcpat/html/study_report.hpp"
#include "analysis_views.hpp"
#include "html_page.hpp"
#include "plot_specs.hpp"
#include "run_views.hpp"

namespace hpcpat::html {
namespace {

using nlohmann::json;

std::string fixed(double value, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, value);
  return buf;
}

std::string joined(const std::set<std::string> &items) {
  std::string out;
  for (const std::string &s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void overview(HtmlPage &page, const StudyReportInput &in) {
  std::map<std::string, int> statuses;
  std::set<std::string> cases, launchers, mpis;
  std::set<int> nodes;
  for (const runs::RunSample &r : in.runs) {
    ++statuses[r.status];
    cases.insert(r.case_name);
    nodes.insert(r.nodes);
    if (!r.launcher.empty()) launchers.insert(r.launcher);
    if (!r.mpi_library.empty()) mpis.insert(r.mpi_library);
  }
  std::string status_text;
  for (const auto &[status, count] : statuses) {
    status_text += (status_text.empty() ? "" : ", ") + std::to_string(count) + " " + status;
  }
  std::string node_text;
  for (int n : nodes) node_text += (node_text.empty() ? "" : ", ") + std::to_string(n);
  page.paragraph(std::to_string(in.runs.size()) + " runs (" + status_text + ") of " +
                     std::to_string(cases.size()) + " cases on " + node_text + " node(s)" +
                     (launchers.empty() ? "" : " under " + joined(launchers)) +
                     (mpis.empty() ? "" : "; MPI: " + joined(mpis)),
                 "facts");
}

void runs_table(HtmlPage &page, const std::vector<runs::RunSample> &runs) {
  page.heading("Runs");
  page.paragraph("Every run of the study as the results store keeps it; MPI% is the median over "
                 "ranks of the time each rank spent in MPI.",
                 "how");
  std::vector<std::vector<std::string>> rows;
  for (const runs::RunSample &r : runs) {
    rows.push_back({r.run, r.case_name, std::to_string(r.nodes), std::to_string(r.ranks),
                    std::to_string(r.repeat), r.status, fixed(r.wall_s, 3),
                    r.mpi_fraction_median ? fixed(*r.mpi_fraction_median * 100, 1) : "",
                    r.top_call,
                    r.fom_value ? r.fom_name + " " + fixed(*r.fom_value, 4) : ""});
  }
  page.table({"run", "case", "nodes", "ranks", "repeat", "status", "wall s", "MPI%", "top call",
              "figure of merit"},
             rows);
}

// A section with one plot, shown only when it has rows to draw (a plot without marks says
// nothing, and the page's own check counts marks).
void section(HtmlPage &page, std::string_view title, std::string_view how, const json &rows,
             json (*spec)(const json &)) {
  if (rows.empty()) return;
  page.heading(title);
  page.paragraph(how, "how");
  page.plot(spec(rows));
}

void scaling_section(HtmlPage &page, const json &scaling) {
  const json rows = scaling_rows(scaling);
  if (rows.empty()) return;
  page.heading("Strong scaling");
  page.paragraph("Per case and parameter set, the median of the ok repeats at each node count "
                 "against the smallest node count measured: speedup (dashed: ideal), parallel "
                 "efficiency (red: the threshold), and the wall time with Amdahl's law fitted "
                 "by least squares (docs/models.md).",
                 "how");
  page.table({"series", "baseline nodes", "Amdahl serial fraction", "+/- (95%)", "R^2",
              "efficiency below threshold at"},
             scaling_table(scaling));
  page.begin_row();
  page.plot(speedup_plot(rows));
  page.plot(efficiency_plot(rows, scaling.value("efficiency_threshold", 0.5)));
  page.plot(amdahl_plot(rows));
  page.end_row();
}

void model_section(HtmlPage &page, const json &model) {
  const json rows = model_rows(model);
  if (rows.empty()) return;
  page.heading("Duration models");
  page.paragraph("Wall time as a + b*d*s^p*n^-q per part (compute, MPI) in the duration knob d, "
                 "the size knob s and the node count n (docs/models.md): the model against "
                 "every measured configuration, and what it leaves over. The leave-one-out "
                 "errors are each configuration predicted by a model fitted without it.",
                 "how");
  page.table({"series", "compute (s)", "MPI (s)", "R^2", "leave-one-out median error",
              "leave-one-out max error"},
             model_table(model));
  page.begin_row();
  page.plot(model_fit_plot(rows));
  page.plot(model_residual_plot(rows));
  page.end_row();
}

void patterns_section(HtmlPage &page, const json &patterns) {
  const auto rows = pattern_table(patterns);
  if (rows.empty()) return;
  page.heading("Patterns");
  page.paragraph("Each run's communication pattern, by the documented rules of docs/patterns.md, "
                 "with each label's confidence (0.5 on its threshold, 1 well past it), and the "
                 "features most labels turn on: the MPI fraction and the shares of MPI time in "
                 "point-to-point, allreduce and all-to-all, and the most partners a rank has.",
                 "how");
  page.table({"run", "case", "nodes", "ranks", "labels", "MPI fraction", "p2p", "allreduce",
              "alltoall", "partners"},
             rows);
}

void compare_section(HtmlPage &page, const json &compare) {
  const auto table = compare_table(compare);
  if (table.empty()) return;
  const json metric = compare.value("metric", json::object());
  page.heading("Against the baseline " + compare.value("base", std::string()));
  page.paragraph("Each configuration's " + metric.value("name", std::string("metric")) +
                     " in this study against the baseline's: the relative change of the median "
                     "with its bootstrap interval, and the verdict (docs/compare.md: a "
                     "regression needs a significant test and a change beyond the threshold).",
                 "how");
  page.table({"configuration", "baseline median", "median", "change", "p", "verdict"}, table);
  const json rows = compare_rows(compare);
  if (!rows.empty()) page.plot(change_plot(rows));
}

void validation_section(HtmlPage &page, const json &validation) {
  const auto table = validation_table(validation);
  if (table.empty()) return;
  page.heading("Ensemble " + validation.value("ensemble", std::string()) +
               ": predicted against measured");
  const double median = validation.value("median_abs_percentage_error", 0.0);
  const double goal = validation.value("goal_median_abs_percentage_error", 10.0);
  page.paragraph("This study ran the jobs of an ensemble planned by hpcpat synth, one after "
                 "another (docs/synthesis.md). Duration error over " +
                     std::to_string(validation.value("jobs", json::array()).size()) +
                     " jobs: median " + fixed(median, 1) + "%, worst " +
                     fixed(validation.value("worst_abs_percentage_error", 0.0), 1) +
                     "% (goal: median <= " + fixed(goal, 0) + "%: " +
                     (median <= goal ? "met" : "missed") + "); patterns as intended: " +
                     std::to_string(validation.value("patterns_ok", 0)) + " of " +
                     std::to_string(validation.value("patterns_checked", 0)) + " (" +
                     std::to_string(validation.value("patterns_primary", 0)) +
                     " as the primary label).",
                 "facts");
  page.paragraph("Each job's wall time against the duration its model predicted (error = "
                 "|measured - predicted| / measured), and its run's pattern labels "
                 "(docs/patterns.md) against the pattern it was planned for.",
                 "how");
  const json rows = validation_rows(validation);
  if (!rows.empty()) page.plot(validation_plot(rows));
  page.table({"job", "predicted s", "measured s", "error %", "intended pattern",
              "measured labels", "as intended"},
             table);
}

}  // namespace

StudyReport render_study_report(const StudyReportInput &in, const ReportAssets &assets) {
  StudyReport out;
  HtmlPage page("hpcpat study report: " + in.study);
  overview(page, in);

  const std::vector<ProfiledRun> profiled = read_profiles(in.runs, out.notes);
  const std::vector<const ProfiledRun *> shown = representative_runs(profiled);

  std::map<std::string, std::set<int>> node_counts;
  for (const runs::RunSample &r : in.runs) node_counts[r.case_name].insert(r.nodes);
  const bool scaled = std::any_of(node_counts.begin(), node_counts.end(),
                                  [](const auto &c) { return c.second.size() > 1; });
  if (scaled) {
    section(page, "Time against node count",
            "Each run's wall time (points, coloured by how it ended) and the median over repeats "
            "(line), per case.",
            wall_rows(in.runs), wall_time_plot);
  } else {
    section(page, "Time per case",
            "Each run's wall time (points, coloured by how it ended) and the median over repeats "
            "(bar); every case ran at one node count.",
            wall_rows(in.runs), wall_time_by_case_plot);
  }
  if (!in.validation.is_null()) validation_section(page, in.validation);
  if (!in.scaling.is_null()) scaling_section(page, in.scaling);
  if (!in.model.is_null()) model_section(page, in.model);
  if (!in.patterns.is_null()) patterns_section(page, in.patterns);
  if (!in.compare.is_null()) compare_section(page, in.compare);
  section(page, "MPI time by category against node count",
          "The share of the ranks' time spent in MPI, split by kind of call, for the median run "
          "of each node count: what grows as the case is spread over more nodes.",
          category_rows(profiled), category_plot);
  section(page, "MPI fraction per rank",
          "Per case, the run with the most ranks: the share of each rank's time in MPI. Uneven "
          "bars are load imbalance, or ranks that wait for others.",
          rank_rows(shown), rank_fraction_plot);
  section(page, "Message sizes",
          "Per case, the run with the most ranks: calls per message-size bin (log2 bins), "
          "coloured by MPI routine.",
          size_rows(shown), size_histogram_plot);
  section(page, "Who talks to whom",
          "Per case, the run with the most ranks: bytes sent from each rank (rows) to each rank "
          "(columns), point-to-point; a band along the diagonal is a halo, a full square an "
          "all-to-all.",
          matrix_rows(shown), matrix_plot);

  const json kernels = kernel_rows(in.runs, out.notes);
  section(page, "Kernels: latency against message size",
          "The microkernels' time per operation (mean over iterations, as OSU reports it).",
          kernels, kernel_latency_plot);
  const bool any_bandwidth = std::any_of(kernels.begin(), kernels.end(), [](const json &row) {
    return row.contains("bandwidth_mb_s");
  });
  if (any_bandwidth) {
    section(page, "Kernels: bandwidth against message size",
            "The bandwidth kernels' MB/s (10^6 bytes per second, as OSU reports it).", kernels,
            kernel_bandwidth_plot);
  }

  runs_table(page, in.runs);
  if (!out.notes.empty()) {
    page.heading("Left out");
    for (const std::string &note : out.notes) page.paragraph(note, "missing");
  }
  out.plots = page.plots();
  out.html = page.render(assets, "Generated by " + in.generated_by + ".");
  return out;
}

}  // namespace hpcpat::html
