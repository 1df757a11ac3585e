// Duration models (docs/models.md): a case's wall time as a function of its duration knob d
// (steps, iterations), its size knob s and the node count n, fitted from measured runs:
//
//   wall(d, s, n) = compute(d, s, n) + mpi(d, s, n),   each part  a + b · d · s^p · n^(−q)
//
// The MPI part is fitted to each run's MPI time (its median MPI fraction over ranks × wall) and
// the compute part to the rest, so the two may follow different laws; without profiles one part
// is fitted to the wall time. For each part a (fixed cost: launch, set-up) and b (cost per
// step) are linear least squares; the exponents p ∈ [0, 4] and q ∈ [−1, 2] are found by a grid
// search over them (variable projection), fitted only when the data vary in that variable.
// Points are configurations: the ok repeats of one (d, s, n) reduced by their median.
//
// The model refuses to extrapolate: a variable measured at two or more values may be asked for
// within [min/2, 2·max]; one measured at a single value only at that value.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "hpcpat/runs/run_sample.hpp"

namespace hpcpat::models {

// One part's law, a + b·d·s^p·n^(−q).
struct PowerLaw {
  double a = 0, b = 0, p = 0, q = 0;
  bool p_fitted = false, q_fitted = false;      // false: fixed at 0 (the data did not vary)
  bool p_at_bound = false, q_at_bound = false;  // the best exponent sits on its grid's edge
  std::optional<double> a_ci95, b_ci95;         // half-widths given the exponents (Student's t)
  double r2 = 0;                                // of this part against its own measurements
  int parameters = 2;                           // a, b and the fitted exponents

  double at(double d, double s, double n) const;
};

// What was measured of one variable, and so what may be asked of the model.
struct MeasuredRange {
  std::string name;            // the knob's name, or "nodes"; "" when the case has no size knob
  std::vector<double> values;  // distinct, ascending
  double low() const;          // the smallest value a query may give (rule above)
  double high() const;
  std::string describe() const;  // "iters 10, 20 (allowed 5 .. 40)"
};

struct ModelPoint {
  double duration = 0, size = 1, nodes = 1;
  int ranks = 0, repeats = 0;
  double wall_s = 0;                          // median of the repeats' wall times
  double fitted_s = 0;                        // the model at this point
  double residual_s = 0;                      // wall − fitted
  std::optional<double> mpi_s, fitted_mpi_s;  // the MPI part, measured and fitted (when split)
  std::optional<double> loo_predicted_s;      // fitted without this configuration
  std::optional<double> loo_relative_error;   // |loo_predicted − wall| / wall
};

struct LeaveOneOut {
  int held_out = 0;  // configurations predicted from a fit without them
  double median_relative_error = 0, max_relative_error = 0;
};

struct DurationModel {
  std::string key;  // runs::group_key omitting nodes and both knobs
  std::string case_name, app;
  MeasuredRange duration, size, nodes;
  bool mpi_split = false;  // compute and MPI fitted apart (every configuration had a profile)
  PowerLaw compute;        // the whole wall time when !mpi_split
  std::optional<PowerLaw> mpi;
  std::vector<ModelPoint> points;
  double r2 = 0, rmse_s = 0;       // of the wall time over the configurations
  std::optional<LeaveOneOut> loo;  // none with too few configurations to hold one out
  int runs_not_ok = 0;
  std::vector<std::string> notes;
};

struct UnfittedCase {
  std::string key, case_name, app, reason;
};

struct ModelReport {
  int runs = 0;
  std::vector<DurationModel> models;
  std::vector<UnfittedCase> unfitted;  // cases that cannot be modelled, with the reason
};

ModelReport fit_duration_models(std::span<const runs::RunSample> samples);

// A point to predict at; a variable left out takes its one measured value (an error when several
// were measured).
struct ModelQuery {
  std::optional<double> duration = std::nullopt, size = std::nullopt, nodes = std::nullopt;
};

struct Prediction {
  double duration = 0, size = 1, nodes = 1;
  double wall_s = 0, compute_s = 0;
  std::optional<double> mpi_s;
};

// Throws InputError naming the variable and what was measured when the query lies outside the
// measured range or leaves out a variable measured at several values.
Prediction predict(const DurationModel &model, const ModelQuery &query);

struct Inversion {
  double target_s = 0;
  double duration_exact = 0;  // the knob value that gives target_s exactly
  double duration = 0;        // rounded to a whole number when every measured value was whole
  Prediction at;              // the prediction at `duration`
};

// The duration knob value that takes `target_s` at the query's size and nodes (its duration is
// ignored). Throws InputError when the answer lies outside the measured range or no value fits.
Inversion invert(const DurationModel &model, double target_s, const ModelQuery &query);

}  // namespace hpcpat::models
