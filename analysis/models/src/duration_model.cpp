// Duration models per case: configurations from the medians of repeats, one power law per part
// (compute, MPI), leave-one-out over configurations, and the refusal to extrapolate.
#include "hpcpat/models/duration_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <tuple>
#include <variant>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/models/least_squares.hpp"
#include "power_law_fit.hpp"

namespace hpcpat::models {
namespace {

std::string number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", fraction * 100);
  return buf;
}

// The two laws fitted to a set of configurations.
struct Laws {
  PowerLaw compute;
  std::optional<PowerLaw> mpi;
  double at(double d, double s, double n) const {
    return compute.at(d, s, n) + (mpi ? mpi->at(d, s, n) : 0.0);
  }
};

bool varies(std::span<const ModelPoint> pts, double ModelPoint::*field) {
  return std::any_of(pts.begin(), pts.end(),
                     [&](const ModelPoint &p) { return p.*field != pts.front().*field; });
}

std::optional<Laws> fit_laws(std::span<const ModelPoint> pts, bool split) {
  std::vector<LawPoint> x;
  std::vector<double> compute, mpi, weight;
  for (const ModelPoint &p : pts) {
    x.push_back({p.duration, p.size, p.nodes});
    weight.push_back(1.0 / p.wall_s);
    compute.push_back(split ? p.wall_s - *p.mpi_s : p.wall_s);
    if (split) mpi.push_back(*p.mpi_s);
  }
  const bool fit_p = varies(pts, &ModelPoint::size), fit_q = varies(pts, &ModelPoint::nodes);
  if (!varies(pts, &ModelPoint::duration)) return std::nullopt;
  Laws laws;
  const std::optional<PowerLaw> c = fit_power_law(x, compute, weight, fit_p, fit_q);
  if (!c) return std::nullopt;
  laws.compute = *c;
  if (split) {
    laws.mpi = fit_power_law(x, mpi, weight, fit_p, fit_q);
    if (!laws.mpi) return std::nullopt;
  }
  return laws;
}

int parameters(const Laws &laws) {
  return laws.compute.parameters + (laws.mpi ? laws.mpi->parameters : 0);
}

MeasuredRange range_of(std::string name, std::span<const ModelPoint> pts, double ModelPoint::*f) {
  MeasuredRange r{std::move(name), {}};
  for (const ModelPoint &p : pts) r.values.push_back(p.*f);
  std::sort(r.values.begin(), r.values.end());
  r.values.erase(std::unique(r.values.begin(), r.values.end()), r.values.end());
  return r;
}

// Leave-one-out: each configuration predicted from the others, when they still pin every
// parameter down (at least as many configurations as parameters).
void leave_one_out(DurationModel &m, int needed) {
  if (static_cast<int>(m.points.size()) - 1 < needed) {
    m.notes.push_back("leave-one-out needs " + std::to_string(needed + 1) + " configurations; " +
                      std::to_string(m.points.size()) + " measured");
    return;
  }
  std::vector<double> errors;
  for (std::size_t i = 0; i < m.points.size(); ++i) {
    std::vector<ModelPoint> rest;
    for (std::size_t j = 0; j < m.points.size(); ++j)
      if (j != i) rest.push_back(m.points[j]);
    const std::optional<Laws> laws = fit_laws(rest, m.mpi_split);
    if (!laws) continue;
    ModelPoint &p = m.points[i];
    p.loo_predicted_s = laws->at(p.duration, p.size, p.nodes);
    p.loo_relative_error = std::fabs(*p.loo_predicted_s - p.wall_s) / p.wall_s;
    errors.push_back(*p.loo_relative_error);
  }
  if (errors.empty()) return;
  m.loo = LeaveOneOut{static_cast<int>(errors.size()), median(errors),
                      *std::max_element(errors.begin(), errors.end())};
}

// Configurations of one case: the ok runs grouped by (d, s, n), reduced by their medians.
// Returns the reason when they cannot be.
std::string collect_points(const runs::RunGroup &g, DurationModel &m) {
  struct Repeats {
    int ranks = 0;
    std::vector<double> walls, mpis;
    int with_fraction = 0;
  };
  std::map<std::tuple<double, double, double>, Repeats> configs;
  for (const runs::RunSample *r : g.runs) {
    if (!r->ok()) {
      ++m.runs_not_ok;
      continue;
    }
    const std::optional<double> d = runs::number_parameter(*r, r->duration_knob);
    if (!d)
      return "run " + r->run + " has no number for its duration knob '" + r->duration_knob + "'";
    std::optional<double> s = 1.0;
    if (!r->size_knob.empty()) s = runs::number_parameter(*r, r->size_knob);
    if (!s) return "run " + r->run + " has no number for its size knob '" + r->size_knob + "'";
    Repeats &rep = configs[{*d, *s, static_cast<double>(r->nodes)}];
    rep.ranks = r->ranks;
    rep.walls.push_back(r->wall_s);
    if (r->mpi_fraction_median) rep.mpis.push_back(*r->mpi_fraction_median * r->wall_s);
  }
  if (configs.empty()) return "no ok run";
  m.mpi_split = true;
  for (const auto &[k, rep] : configs) {
    ModelPoint p;
    std::tie(p.duration, p.size, p.nodes) = k;
    p.ranks = rep.ranks;
    p.repeats = static_cast<int>(rep.walls.size());
    p.wall_s = median(rep.walls);
    if (p.wall_s <= 0) return "a configuration's median wall time is 0";
    // The MPI part only when every repeat had a profile; otherwise the case is fitted whole.
    if (rep.mpis.size() == rep.walls.size()) p.mpi_s = median(rep.mpis);
    m.mpi_split = m.mpi_split && p.mpi_s.has_value();
    m.points.push_back(p);
  }
  m.duration = range_of(g.runs.front()->duration_knob, m.points, &ModelPoint::duration);
  m.size = range_of(g.runs.front()->size_knob, m.points, &ModelPoint::size);
  m.nodes = range_of("nodes", m.points, &ModelPoint::nodes);
  if (m.duration.values.size() < 2)
    return "the duration knob '" + m.duration.name + "' was measured at one value (" +
           number(m.duration.values.front()) + "): a model needs two or more";
  return "";
}

// Fits one form of the model (split into compute and MPI, or whole) into `m`: the laws, each
// point's fitted value and residual, R², rmse and leave-one-out. False when it cannot be fitted.
bool fit_form(DurationModel &m, bool split) {
  m.mpi_split = split;
  const std::optional<Laws> laws = fit_laws(m.points, split);
  if (!laws) return false;
  m.compute = laws->compute;
  m.mpi = laws->mpi;
  std::vector<double> measured, fitted;
  double sq = 0;
  for (ModelPoint &p : m.points) {
    p.fitted_s = laws->at(p.duration, p.size, p.nodes);
    p.residual_s = p.wall_s - p.fitted_s;
    p.fitted_mpi_s =
        laws->mpi ? std::optional(laws->mpi->at(p.duration, p.size, p.nodes)) : std::nullopt;
    measured.push_back(p.wall_s);
    fitted.push_back(p.fitted_s);
    sq += p.residual_s * p.residual_s;
  }
  m.r2 = r_squared(measured, fitted);
  m.rmse_s = std::sqrt(sq / static_cast<double>(m.points.size()));
  for (const PowerLaw *law : {&m.compute, m.mpi ? &*m.mpi : nullptr}) {
    if (law != nullptr && (law->p_at_bound || law->q_at_bound))
      m.notes.push_back(std::string(law == &m.compute ? (split ? "compute" : "wall") : "MPI") +
                        ": an exponent sits on the edge of its search range, so the law may "
                        "have another shape than a power");
  }
  leave_one_out(m, parameters(*laws));
  return true;
}

std::variant<DurationModel, UnfittedCase> fit_case(const runs::RunGroup &g) {
  const runs::RunSample &first = *g.runs.front();
  DurationModel m;
  m.key = g.key;
  m.case_name = first.case_name;
  m.app = first.app;
  const auto unfitted = [&](const std::string &why) {
    return UnfittedCase{g.key, m.case_name, m.app, why};
  };
  if (first.duration_knob.empty())
    return unfitted("the app has no duration knob (an external command): nothing to model");
  if (const std::string why = collect_points(g, m); !why.empty()) return unfitted(why);
  if (m.runs_not_ok > 0)
    m.notes.push_back(std::to_string(m.runs_not_ok) + " run(s) not ok were left out");
  const bool profiled = m.mpi_split;
  if (!profiled) m.notes.push_back("not every run had a profile: the wall time is fitted whole");
  // With profiles, both forms are fitted and the one that predicts held-out configurations
  // better is kept: the split doubles the parameters, which noisy or few points do not repay.
  DurationModel whole = m;
  const bool whole_ok = fit_form(whole, false);
  if (profiled && fit_form(m, true)) {
    const double split_err = m.loo ? m.loo->median_relative_error : INFINITY;
    const double whole_err = whole_ok && whole.loo ? whole.loo->median_relative_error : INFINITY;
    if (!(whole_err < split_err)) return m;
    whole.notes.push_back(
        "the wall time is fitted whole: it predicted held-out configurations "
        "better (median " +
        percent(whole_err) +
        ") than compute and MPI fitted "
        "apart (" +
        (std::isfinite(split_err) ? percent(split_err) : "no leave-one-out") + ")");
  }
  if (!whole_ok)
    return unfitted(std::to_string(m.points.size()) +
                    " configurations cannot determine the model's parameters (2 per part, "
                    "plus one exponent per varied size or node count)");
  return whole;
}

double pick(const MeasuredRange &r, const std::optional<double> &asked, const DurationModel &m) {
  const std::string what = r.name.empty() ? "size" : r.name;
  if (!asked) {
    if (r.values.size() == 1) return r.values.front();
    throw InputError("model of case '" + m.case_name + "': give " + what + "=VALUE; measured " +
                     r.describe());
  }
  if (!(*asked >= r.low() && *asked <= r.high()))
    throw InputError("model of case '" + m.case_name + "': " + what + "=" + number(*asked) +
                     " is outside what the model may predict; measured " + r.describe());
  return *asked;
}

Prediction evaluate(const DurationModel &m, double d, double s, double n) {
  Prediction p{d, s, n, 0, m.compute.at(d, s, n), std::nullopt};
  if (m.mpi) p.mpi_s = m.mpi->at(d, s, n);
  p.wall_s = p.compute_s + p.mpi_s.value_or(0.0);
  return p;
}

}  // namespace

double MeasuredRange::low() const {
  return values.size() >= 2 ? values.front() / 2 : values.front();
}
double MeasuredRange::high() const {
  return values.size() >= 2 ? values.back() * 2 : values.back();
}
std::string MeasuredRange::describe() const {
  std::string out = (name.empty() ? std::string("size") : name) + " ";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + number(values[i]);
  if (values.size() >= 2)
    out += " (allowed " + number(low()) + " .. " + number(high()) +
           ": half the smallest to twice the largest)";
  else
    out += " only (one value measured: no other can be predicted)";
  return out;
}

ModelReport fit_duration_models(std::span<const runs::RunSample> samples) {
  ModelReport report;
  report.runs = static_cast<int>(samples.size());
  const runs::KeyOmits omits{.nodes = true, .duration_knob = true, .size_knob = true};
  for (const runs::RunGroup &g : runs::group_runs(
           samples, [&](const runs::RunSample &s) { return runs::group_key(s, omits); })) {
    auto fitted = fit_case(g);
    if (auto *m = std::get_if<DurationModel>(&fitted))
      report.models.push_back(std::move(*m));
    else
      report.unfitted.push_back(std::get<UnfittedCase>(std::move(fitted)));
  }
  return report;
}

Prediction predict(const DurationModel &m, const ModelQuery &q) {
  return evaluate(m, pick(m.duration, q.duration, m), pick(m.size, q.size, m),
                  pick(m.nodes, q.nodes, m));
}

Inversion invert(const DurationModel &m, double target_s, const ModelQuery &q) {
  if (!(target_s > 0) || !std::isfinite(target_s))
    throw InputError("--target-seconds: expected a positive number of seconds");
  const double s = pick(m.size, q.size, m), n = pick(m.nodes, q.nodes, m);
  // wall is linear in d at fixed s and n: wall = fixed + per_step·d.
  const Prediction at0 = evaluate(m, 0, s, n), at1 = evaluate(m, 1, s, n);
  const double fixed = at0.wall_s, per_step = at1.wall_s - at0.wall_s;
  const std::string where = "model of case '" + m.case_name + "' at " +
                            (m.size.name.empty() ? "" : m.size.name + "=" + number(s) + ", ") +
                            "nodes=" + number(n);
  if (per_step <= 0)
    throw InputError(where + ": the fitted time does not grow with " + m.duration.name +
                     ", so no value gives " + number(target_s) + " s");
  Inversion inv;
  inv.target_s = target_s;
  inv.duration_exact = (target_s - fixed) / per_step;
  const bool whole = std::all_of(m.duration.values.begin(), m.duration.values.end(),
                                 [](double v) { return v == std::floor(v); });
  inv.duration = whole ? std::max(1.0, std::round(inv.duration_exact)) : inv.duration_exact;
  if (!(inv.duration_exact >= m.duration.low() && inv.duration_exact <= m.duration.high()))
    throw InputError(where + ": " + number(target_s) + " s needs " + m.duration.name + "=" +
                     number(inv.duration_exact) +
                     ", outside what the model may predict; measured " + m.duration.describe() +
                     "; the fitted time there is " + number(fixed) + " s + " + number(per_step) +
                     " s per " + m.duration.name);
  inv.at = evaluate(m, inv.duration, s, n);
  return inv;
}

}  // namespace hpcpat::models
