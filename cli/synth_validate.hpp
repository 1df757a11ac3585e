// hpcpat synth --validate DIR: the ensemble planned in DIR (its plan.json) run for real as a
// study (synth_study.hpp) into the results store, every job profiled, then each job's measured
// wall time against its predicted one and its measured pattern labels against the intended
// pattern, per job and overall (median and worst absolute percentage error).
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "hpcpat/emit/ensemble_plan.hpp"
#include "hpcpat/planner/planner.hpp"
#include "hpcpat/runs/run_sample.hpp"
#include "hpcpat/store/store.hpp"

namespace hpcpat::cli {

struct ValidateFlags {
  std::string dir, results, launcher = "auto";
  bool cluster = false, resume = false, json = false;
};

void add_validate_options(CLI::App &sub, ValidateFlags &flags);

// Exit 0 when every job ran ok with its planned pattern among its labels, 1 otherwise; InputError
// for a folder without a readable plan.
int validate_ensemble(const ValidateFlags &flags);

struct JobCheck {
  std::string job, run, status;
  std::string pattern;              // intended
  std::vector<std::string> labels;  // measured, primary first
  double predicted_s = 0, actual_s = 0;
  double error = 0;                 // |actual - predicted| / actual
  bool pattern_ok = false;          // the intended pattern is among the measured labels
  bool pattern_primary = false;     // ... and the first of them (the run's primary label)
};

struct Validation {
  std::string ensemble, study;
  std::vector<JobCheck> jobs;
  std::vector<std::string> missing;  // planned jobs with no ok run
  double median_error = 0, worst_error = 0;
  int patterns_ok = 0, patterns_checked = 0, patterns_primary = 0;
};

// Each classified run's labels, by confidence (its primary label first); none when no ok run left
// a profile (nothing to classify: only an apps mix can be planned). What the planner plans from
// and what a validation checks.
std::vector<planner::RunLabels> run_labels(const std::vector<runs::RunSample> &samples);

// The checks of `plan`'s jobs from the study's runs (case name = job name) and their labels.
Validation compare_with_plan(const emit::EnsemblePlan &plan, const std::string &study,
                             const std::vector<runs::RunSample> &samples);
nlohmann::json validation_json(const Validation &v);
// The validation of a study that ran an ensemble (the plan the store keeps beside it, and its
// runs), as validation_json; null for a study that validates no ensemble (hpcpat report).
nlohmann::json stored_validation(const store::Store &store, const std::string &study,
                                 const std::vector<runs::RunSample> &samples);
std::string render_validation_text(const Validation &v);

}  // namespace hpcpat::cli
