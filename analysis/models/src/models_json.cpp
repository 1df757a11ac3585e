// One function per shape; the schemas under schemas/ are the authority on field names.
#include "hpcpat/models/models_json.hpp"

namespace hpcpat::models {
namespace {

using nlohmann::json;

template <typename T>
json or_null(const std::optional<T> &v) {
  return v ? json(*v) : json(nullptr);
}

json notes_json(const std::vector<std::string> &notes) {
  return json(notes);
}

json point_json(const ScalingPoint &p) {
  return {{"nodes", p.nodes},
          {"ranks", p.ranks},
          {"repeats", p.repeats},
          {"wall_s", p.wall_s},
          {"speedup", p.speedup},
          {"ideal_speedup", 0.0},  // filled by the caller: nodes / baseline nodes
          {"efficiency", p.efficiency},
          {"karp_flatt", or_null(p.karp_flatt)},
          {"mpi_fraction", or_null(p.mpi_fraction)},
          {"amdahl_wall_s", or_null(p.amdahl_wall_s)},
          {"amdahl_residual_s", or_null(p.amdahl_residual_s)}};
}

json amdahl_json(const std::optional<AmdahlFit> &a) {
  if (!a) return nullptr;
  return {{"model", "T(N) = T1*(s + (1-s)/N), fitted as T = alpha + beta/N"},
          {"serial_fraction", a->serial_fraction},
          {"serial_fraction_ci95", or_null(a->serial_fraction_ci95)},
          {"t1_s", a->t1_s},
          {"r2", a->r2},
          {"points", a->points}};
}

json law_json(const PowerLaw &l) {
  return {{"a_s", l.a},
          {"a_ci95", or_null(l.a_ci95)},
          {"b_s", l.b},
          {"b_ci95", or_null(l.b_ci95)},
          {"size_exponent", l.p},
          {"size_exponent_fitted", l.p_fitted},
          {"node_exponent", l.q},
          {"node_exponent_fitted", l.q_fitted},
          {"at_bound", l.p_at_bound || l.q_at_bound},
          {"r2", l.r2},
          {"parameters", l.parameters}};
}

json range_json(const MeasuredRange &r) {
  return {{"name", r.name}, {"values", r.values}, {"low", r.low()}, {"high", r.high()}};
}

json model_point_json(const ModelPoint &p) {
  return {{"duration", p.duration},
          {"size", p.size},
          {"nodes", p.nodes},
          {"ranks", p.ranks},
          {"repeats", p.repeats},
          {"wall_s", p.wall_s},
          {"fitted_s", p.fitted_s},
          {"residual_s", p.residual_s},
          {"mpi_s", or_null(p.mpi_s)},
          {"fitted_mpi_s", or_null(p.fitted_mpi_s)},
          {"loo_predicted_s", or_null(p.loo_predicted_s)},
          {"loo_relative_error", or_null(p.loo_relative_error)}};
}

json prediction_json(const Prediction &p) {
  return {{"duration", p.duration}, {"size", p.size},           {"nodes", p.nodes},
          {"wall_s", p.wall_s},     {"compute_s", p.compute_s}, {"mpi_s", or_null(p.mpi_s)}};
}

}  // namespace

json scaling_json(const ScalingReport &report, const std::string &study) {
  json cases = json::array();
  for (const CaseScaling &c : report.cases) {
    json points = json::array();
    for (const ScalingPoint &p : c.points) {
      json j = point_json(p);
      j["ideal_speedup"] = static_cast<double>(p.nodes) / c.baseline_nodes;
      points.push_back(std::move(j));
    }
    cases.push_back({{"key", c.key},
                     {"case", c.case_name},
                     {"app", c.app},
                     {"baseline_nodes", c.points.empty() ? json(nullptr) : json(c.baseline_nodes)},
                     {"points", std::move(points)},
                     {"amdahl", amdahl_json(c.amdahl)},
                     {"efficiency_below_threshold_at", or_null(c.efficiency_below_at)},
                     {"runs_not_ok", c.runs_not_ok},
                     {"notes", notes_json(c.notes)}});
  }
  return {{"schema", kScalingSchemaId},
          {"study", study},
          {"runs", report.runs},
          {"efficiency_threshold", report.options.efficiency_threshold},
          {"cases", std::move(cases)}};
}

json model_json(const ModelReport &report, const std::string &study,
                const std::optional<Prediction> &prediction,
                const std::optional<Inversion> &inversion) {
  json models = json::array();
  for (const DurationModel &m : report.models) {
    json points = json::array();
    for (const ModelPoint &p : m.points) points.push_back(model_point_json(p));
    json loo = nullptr;
    if (m.loo)
      loo = {{"held_out", m.loo->held_out},
             {"median_relative_error", m.loo->median_relative_error},
             {"max_relative_error", m.loo->max_relative_error}};
    models.push_back({{"key", m.key},
                      {"case", m.case_name},
                      {"app", m.app},
                      {"duration", range_json(m.duration)},
                      {"size", range_json(m.size)},
                      {"nodes", range_json(m.nodes)},
                      {"mpi_split", m.mpi_split},
                      {"compute", law_json(m.compute)},
                      {"mpi", m.mpi ? law_json(*m.mpi) : json(nullptr)},
                      {"r2", m.r2},
                      {"rmse_s", m.rmse_s},
                      {"loo", std::move(loo)},
                      {"points", std::move(points)},
                      {"runs_not_ok", m.runs_not_ok},
                      {"notes", notes_json(m.notes)}});
  }
  json unfitted = json::array();
  for (const UnfittedCase &u : report.unfitted)
    unfitted.push_back(
        {{"key", u.key}, {"case", u.case_name}, {"app", u.app}, {"reason", u.reason}});
  json inv = nullptr;
  if (inversion)
    inv = {{"target_s", inversion->target_s},
           {"duration_exact", inversion->duration_exact},
           {"duration", inversion->duration},
           {"at", prediction_json(inversion->at)}};
  return {{"schema", kModelSchemaId},
          {"study", study},
          {"runs", report.runs},
          {"model", "wall = compute + mpi, each a + b*d*s^p*n^(-q) (docs/models.md)"},
          {"models", std::move(models)},
          {"unfitted", std::move(unfitted)},
          {"prediction", prediction ? prediction_json(*prediction) : json(nullptr)},
          {"inversion", std::move(inv)}};
}

}  // namespace hpcpat::models
