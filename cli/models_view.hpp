// What `hpcpat scaling` and `hpcpat model` share: a study's runs narrowed to one case, and the
// text tables of analysis/models' reports (the JSON is the library's own, models_json.hpp).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "hpcpat/models/duration_model.hpp"
#include "hpcpat/models/scaling.hpp"
#include "hpcpat/runs/run_sample.hpp"

namespace hpcpat::cli {

// The complete runs of the studies in the store named by --results, pooled (a study run again
// later adds repeats); only those of case `case_name` when it is not empty (InputError naming the
// studies' cases when they have no such case).
std::vector<runs::RunSample> load_analysis_runs(const std::string &results_flag,
                                                const std::vector<std::string> &studies,
                                                const std::string &case_name);

// Which runs a command reads, as --results, the studies and --case name them.
struct StudySelection {
  std::vector<std::string> studies;
  std::string results, case_name;
};

// The positional studies and --results and --case, as both commands take them.
void add_study_selection(CLI::App &sub, StudySelection &selection);

// The studies' names as the JSON's "study" shows them: joined with "+", each once.
std::string studies_label(const std::vector<std::string> &studies);

std::string render_scaling_text(const models::ScalingReport &report);
std::string render_model_text(const models::ModelReport &report);
std::string render_prediction_text(const models::DurationModel &model, const models::Prediction &p);
std::string render_inversion_text(const models::DurationModel &model, const models::Inversion &inv);

}  // namespace hpcpat::cli
