// Strong scaling per case: points from the medians of repeats, then the derived metrics.
#include "hpcpat/models/scaling.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "hpcpat/models/least_squares.hpp"

namespace hpcpat::models {
namespace {

// Karp–Flatt's experimentally determined serial fraction e = (1/S − 1/p)/(1 − 1/p), with p the
// node count relative to the baseline: for an exact Amdahl curve from one node it is s at every p.
std::optional<double> karp_flatt(double speedup, double p) {
  if (p <= 1 || speedup <= 0) return std::nullopt;
  return (1 / speedup - 1 / p) / (1 - 1 / p);
}

std::optional<AmdahlFit> fit_amdahl(std::vector<ScalingPoint> &points) {
  if (points.size() < 2) return std::nullopt;
  std::vector<std::vector<double>> rows;
  std::vector<double> y;
  for (const ScalingPoint &p : points) {
    rows.push_back({1.0, 1.0 / p.nodes});
    y.push_back(p.wall_s);
  }
  const LinearFit fit = least_squares(rows, y);
  if (!fit.ok) return std::nullopt;
  AmdahlFit a;
  const double alpha = fit.coef[0], beta = fit.coef[1];
  a.t1_s = alpha + beta;
  a.serial_fraction = a.t1_s != 0 ? alpha / a.t1_s : 0;
  a.r2 = fit.r2;
  a.points = static_cast<int>(points.size());
  if (!fit.std_error.empty() && a.t1_s != 0) {
    // s = α/(α+β): ∂s/∂α = β/T1², ∂s/∂β = −α/T1²; the covariance term is left out, so the
    // interval is conservative only to first order (documented in docs/models.md).
    const double t2 = a.t1_s * a.t1_s;
    const double se = std::hypot(beta / t2 * fit.std_error[0], alpha / t2 * fit.std_error[1]);
    a.serial_fraction_ci95 = ci95_half_width(se, fit.dof);
  }
  for (std::size_t i = 0; i < points.size(); ++i) {
    points[i].amdahl_wall_s = fit.fitted[i];
    points[i].amdahl_residual_s = fit.residuals[i];
  }
  return a;
}

CaseScaling analyse_case(const runs::RunGroup &group, const ScalingOptions &options) {
  CaseScaling c;
  c.key = group.key;
  c.case_name = group.runs.front()->case_name;
  c.app = group.runs.front()->app;
  struct Repeats {
    int ranks = 0;
    std::vector<double> walls, fractions;
  };
  std::map<int, Repeats> by_nodes;
  for (const runs::RunSample *r : group.runs) {
    if (!r->ok()) {
      ++c.runs_not_ok;
      continue;
    }
    Repeats &rep = by_nodes[r->nodes];
    rep.ranks = r->ranks;
    rep.walls.push_back(r->wall_s);
    if (r->mpi_fraction_median) rep.fractions.push_back(*r->mpi_fraction_median);
  }
  if (c.runs_not_ok > 0)
    c.notes.push_back(std::to_string(c.runs_not_ok) + " run(s) not ok were left out");
  if (by_nodes.empty()) {
    c.notes.push_back("no ok run: nothing to scale");
    return c;
  }
  for (const auto &[nodes, rep] : by_nodes) {
    ScalingPoint p;
    p.nodes = nodes;
    p.ranks = rep.ranks;
    p.repeats = static_cast<int>(rep.walls.size());
    p.wall_s = median(rep.walls);
    if (!rep.fractions.empty()) p.mpi_fraction = median(rep.fractions);
    c.points.push_back(p);
  }
  c.baseline_nodes = c.points.front().nodes;
  const double base_wall = c.points.front().wall_s;
  if (c.baseline_nodes != 1)
    c.notes.push_back("speedup and efficiency are against " + std::to_string(c.baseline_nodes) +
                      " nodes, the smallest node count measured");
  for (ScalingPoint &p : c.points) {
    const double rel = static_cast<double>(p.nodes) / c.baseline_nodes;
    p.speedup = p.wall_s > 0 ? base_wall / p.wall_s : 0;
    p.efficiency = p.speedup / rel;
    p.karp_flatt = karp_flatt(p.speedup, rel);
    if (!c.efficiency_below_at && p.efficiency < options.efficiency_threshold)
      c.efficiency_below_at = p.nodes;
  }
  if (c.points.size() < 2) {
    c.notes.push_back("only " + std::to_string(c.baseline_nodes) +
                      " node(s) measured: scaling cannot be fitted (needs two node counts)");
  } else {
    c.amdahl = fit_amdahl(c.points);
    if (!c.amdahl)
      c.notes.push_back("the Amdahl fit failed (dependent columns)");
    else if (c.amdahl->points == 2)
      c.notes.push_back(
          "two node counts: the Amdahl curve passes through both (no residual "
          "left to judge the fit)");
    if (c.amdahl && (c.amdahl->serial_fraction < 0 || c.amdahl->serial_fraction > 1))
      c.notes.push_back(
          "the fitted serial fraction lies outside [0, 1]: the times do not follow "
          "Amdahl's law (superlinear, or slower with more nodes)");
  }
  return c;
}

}  // namespace

ScalingReport analyse_scaling(std::span<const runs::RunSample> samples,
                              const ScalingOptions &options) {
  ScalingReport report;
  report.options = options;
  report.runs = static_cast<int>(samples.size());
  const runs::KeyOmits omit_nodes{.nodes = true};
  for (const runs::RunGroup &g : runs::group_runs(
           samples, [&](const runs::RunSample &s) { return runs::group_key(s, omit_nodes); }))
    report.cases.push_back(analyse_case(g, options));
  return report;
}

}  // namespace hpcpat::models
