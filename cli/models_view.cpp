// Text views of the scaling and duration-model reports: one block per case, a table of its
// points, then the fit and the notes. Seconds to 4 significant digits, fractions as percents.
#include "models_view.hpp"

#include <cstdio>
#include <iterator>
#include <set>

#include "hpcpat/base/input_error.hpp"
#include "results_view.hpp"
#include "results_dir.hpp"
#include "study_runs.hpp"

namespace hpcpat::cli {

void add_study_selection(CLI::App &sub, StudySelection &selection) {
  sub.add_option("study", selection.studies,
                 "The study in the results store; several are pooled (their runs of one "
                 "configuration are repeats)")
      ->required();
  sub.add_option("--results", selection.results, results_flag_help());
  sub.add_option("--case", selection.case_name, "Only this case");
}
namespace {

std::string num(double v, const char *format = "%.4g") {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string percent(double fraction) {
  return num(fraction * 100, "%.1f") + "%";
}

template <typename T, typename F>
std::string opt(const std::optional<T> &v, F f) {
  return v ? f(*v) : std::string("-");
}

std::string plus_minus(const std::optional<double> &half) {
  return half ? " ±" + num(*half) : std::string();
}

std::string notes_text(const std::vector<std::string> &notes) {
  std::string out;
  for (const std::string &n : notes) out += "  note: " + n + "\n";
  return out;
}

std::string var_name(const models::MeasuredRange &r) {
  return r.name.empty() ? "size" : r.name;
}

std::string law_text(const char *part, const models::DurationModel &m, const models::PowerLaw &l) {
  std::string out = std::string("  ") + part + ": " + num(l.a) + plus_minus(l.a_ci95) + " s + " +
                    num(l.b) + plus_minus(l.b_ci95) + " s × " + m.duration.name;
  if (l.p_fitted) out += " × " + var_name(m.size) + "^" + num(l.p, "%.2f");
  if (l.q_fitted) out += " / nodes^" + num(l.q, "%.2f");
  return out + "  (R² " + num(l.r2, "%.4f") + ")\n";
}

}  // namespace

std::string studies_label(const std::vector<std::string> &studies) {
  std::string label;
  std::set<std::string> seen;
  for (const std::string &s : studies)
    if (seen.insert(s).second) label += (label.empty() ? "" : "+") + s;
  return label;
}

std::vector<runs::RunSample> load_analysis_runs(const std::string &results_flag,
                                                const std::vector<std::string> &studies,
                                                const std::string &case_name) {
  const store::Store s = open_results_store(results_flag, store::Store::Mode::existing);
  std::vector<runs::RunSample> all;
  std::set<std::string> seen;
  for (const std::string &study : studies) {
    if (!seen.insert(study).second) continue;  // named twice: its runs count once
    std::vector<runs::RunSample> more = load_study_runs(s, study);
    all.insert(all.end(), std::make_move_iterator(more.begin()),
               std::make_move_iterator(more.end()));
  }
  if (case_name.empty()) return all;
  std::vector<runs::RunSample> picked;
  std::set<std::string> cases;
  for (runs::RunSample &r : all) {
    cases.insert(r.case_name);
    if (r.case_name == case_name) picked.push_back(std::move(r));
  }
  if (picked.empty()) {
    std::string known;
    for (const std::string &c : cases) known += (known.empty() ? "" : ", ") + c;
    throw InputError("--case: study '" + studies_label(studies) + "' has no case '" + case_name +
                     "'; expected one of " + known);
  }
  return picked;
}

std::string render_scaling_text(const models::ScalingReport &report) {
  std::string out;
  for (const models::CaseScaling &c : report.cases) {
    out += "case " + c.case_name + " (" + c.key + ")\n";
    TextTable t;
    t.header = {"nodes",      "ranks",      "repeats", "wall_s",   "speedup",   "ideal",
                "efficiency", "karp_flatt", "mpi%",    "amdahl_s", "residual_s"};
    for (const models::ScalingPoint &p : c.points) {
      const auto n = [](double v) { return num(v); };
      t.rows.push_back(
          {std::int64_t{p.nodes}, std::int64_t{p.ranks}, std::int64_t{p.repeats}, num(p.wall_s),
           num(p.speedup, "%.3f"), num(static_cast<double>(p.nodes) / c.baseline_nodes, "%.3g"),
           percent(p.efficiency), opt(p.karp_flatt, [](double v) { return num(v, "%.4f"); }),
           opt(p.mpi_fraction, percent), opt(p.amdahl_wall_s, n), opt(p.amdahl_residual_s, n)});
    }
    if (!t.rows.empty()) out += render_text(t);
    if (c.amdahl)
      out += "  Amdahl: serial fraction " + num(c.amdahl->serial_fraction, "%.4f") +
             plus_minus(c.amdahl->serial_fraction_ci95) + ", T1 " + num(c.amdahl->t1_s) +
             " s, R² " + num(c.amdahl->r2, "%.4f") + " over " + std::to_string(c.amdahl->points) +
             " node counts\n";
    out += "  efficiency below " + percent(report.options.efficiency_threshold) + ": " +
           (c.efficiency_below_at ? "from " + std::to_string(*c.efficiency_below_at) + " nodes"
                                  : std::string("never, over the nodes measured")) +
           "\n";
    out += notes_text(c.notes) + "\n";
  }
  return out;
}

std::string render_model_text(const models::ModelReport &report) {
  std::string out;
  for (const models::DurationModel &m : report.models) {
    out += "case " + m.case_name + " (" + m.key + "): " + std::to_string(m.points.size()) +
           " configurations, " + (m.mpi_split ? "wall = compute + MPI" : "wall fitted whole") +
           "\n";
    out += law_text(m.mpi_split ? "compute" : "wall", m, m.compute);
    if (m.mpi) out += law_text("MPI", m, *m.mpi);
    TextTable t;
    t.header = {m.duration.name, var_name(m.size), "nodes", "repeats", "wall_s",
                "fitted_s",      "residual_s",     "loo_s", "loo_err"};
    for (const models::ModelPoint &p : m.points)
      t.rows.push_back({num(p.duration), num(p.size), num(p.nodes), std::int64_t{p.repeats},
                        num(p.wall_s), num(p.fitted_s), num(p.residual_s),
                        opt(p.loo_predicted_s, [](double v) { return num(v); }),
                        opt(p.loo_relative_error, percent)});
    out += render_text(t);
    out += "  fit: R² " + num(m.r2, "%.4f") + ", rmse " + num(m.rmse_s) + " s";
    if (m.loo)
      out += "; leave-one-out over " + std::to_string(m.loo->held_out) +
             " configurations: median error " + percent(m.loo->median_relative_error) + ", max " +
             percent(m.loo->max_relative_error);
    out += "\n  predicts within: " + m.duration.describe() + "; " + m.size.describe() + "; " +
           m.nodes.describe() + "\n";
    out += notes_text(m.notes) + "\n";
  }
  for (const models::UnfittedCase &u : report.unfitted)
    out += "case " + u.case_name + " (" + u.key + "): not modelled: " + u.reason + "\n";
  return out;
}

std::string render_prediction_text(const models::DurationModel &m, const models::Prediction &p) {
  std::string out = "case " + m.case_name + ": predicted wall time at " + m.duration.name + "=" +
                    num(p.duration) + ", " + var_name(m.size) + "=" + num(p.size) +
                    ", nodes=" + num(p.nodes) + ": " + num(p.wall_s) + " s";
  if (p.mpi_s) out += " (compute " + num(p.compute_s) + " s, MPI " + num(*p.mpi_s) + " s)";
  return out + "\n";
}

std::string render_inversion_text(const models::DurationModel &m, const models::Inversion &inv) {
  return "case " + m.case_name + ": " + num(inv.target_s) + " s at " + var_name(m.size) + "=" +
         num(inv.at.size) + ", nodes=" + num(inv.at.nodes) + " needs " + m.duration.name + "=" +
         num(inv.duration, "%.6g") + " (exactly " + num(inv.duration_exact, "%.6g") +
         "), predicted " + num(inv.at.wall_s) + " s\n";
}

}  // namespace hpcpat::cli
