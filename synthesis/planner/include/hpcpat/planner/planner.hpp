// The ensemble planner (hpcpat synth, docs/synthesis.md): a target spec (synthesis/target) and
// what was measured (duration models and pattern labels of stored runs) made into an
// EnsemblePlan (synthesis/emit) whose jobs have the durations and patterns asked for.
//
// For each job of each group, from seeded generators of the group's own (so the same spec and the
// same measurements give the same plan, byte for byte):
//   1. its pattern (or app) is drawn by the mix's weights, its target duration from the group's
//      distribution;
//   2. among the measured configurations (a case at a node count and size the group allows)
//      that have that pattern (as their primary label, when any has; else as one of their labels)
//      and whose model reaches that duration, a node count is drawn, then a configuration at it;
//   3. the duration knob is the model's inversion at that node count (models::invert), and the
//      prediction at the knob's value (rounded when the knob is whole) is the job's predicted time.
// Before any draw, every group is checked as a whole: each mix entry must have a configuration,
// and the durations the group may draw must lie inside what those configurations reach (their
// union covers the distribution's bounds). Otherwise one InputError names the group's field and
// lists what is available; nothing is ever silently approximated.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "hpcpat/emit/ensemble_plan.hpp"
#include "hpcpat/models/duration_model.hpp"
#include "hpcpat/runs/run_sample.hpp"
#include "hpcpat/target/target_spec.hpp"

namespace hpcpat::planner {

// A run's pattern labels as classified (analysis/patterns), by "study/run".
struct RunLabels {
  std::string study, run;
  std::vector<std::string> labels;  // by confidence, the first being the run's primary label
};

// One measured configuration a job can be made of: a modelled case at one node count and size.
struct Candidate {
  const models::DurationModel *model = nullptr;
  std::string case_name, app;
  int nodes = 1, ranks_per_node = 1, threads = 1;
  double size = 1;                // the size knob's value (1: the case has none)
  std::string duration_knob;
  nlohmann::json parameters;      // a measured run's, whose duration knob the job replaces
  std::vector<std::string> labels;  // the labels every classified run here has, primary first
  std::vector<std::string> runs;    // "study/run" of the runs of this case (the model's data)
  double shortest_s = 0, longest_s = 0;  // the predicted wall times the model may reach here

  std::string describe() const;  // "stencil (app stencil) at 2 nodes, n=64: 1.2 .. 9.8 s"
};

// The configurations of every fitted model at each measured node count and size, with the labels
// their runs have (none when none was classified).
std::vector<Candidate> candidates(const models::ModelReport &models,
                                  std::span<const runs::RunSample> samples,
                                  std::span<const RunLabels> labels);

// The program and arguments a job runs, from its app and parameters (the command's part: it
// knows the built-in apps' executables and flags).
using ArgvOf = std::function<std::vector<std::string>(const emit::PlannedJob &job)>;

struct PlanInputs {
  const target::TargetSpec *spec = nullptr;
  std::span<const Candidate> candidates;
  std::vector<std::string> unfitted;  // "case: reason" of cases the models could not fit
  ArgvOf argv_of;
  std::string generated_by;  // "hpcpat 0.x (git ...)"
};

// Throws InputError as described above; the plan is checked by emit::check_plan afterwards.
emit::EnsemblePlan plan_ensemble(const PlanInputs &in);

}  // namespace hpcpat::planner
