// The rows the report draws from the analyses' own JSON documents (the ones their commands print
// with --json): strong scaling (schemas/scaling.v1), duration models (schemas/model.v1), an
// ensemble's validation (schemas/synth-validation.v1). Taking
// the documents, not the analyses' types, keeps the page to what the schemas promise.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hpcpat::html {

// {series, nodes, speedup, ideal_speedup, efficiency, wall_s, amdahl_wall_s, mpi_fraction}: a
// series is a case with its parameters (the scaling document's key, made short).
nlohmann::json scaling_rows(const nlohmann::json &scaling);
// {series, duration, size, nodes, wall_s, fitted_s, residual_s, loo_predicted_s}.
nlohmann::json model_rows(const nlohmann::json &model);
// One row per run: its labels with confidence, and the features most labels turn on.
std::vector<std::vector<std::string>> pattern_table(const nlohmann::json &patterns);
// {key, case, nodes, change, low, high, verdict}: each compared configuration's relative change
// of the metric with its interval (schemas/compare.v1).
nlohmann::json compare_rows(const nlohmann::json &compare);
// One table row per compared configuration.
std::vector<std::vector<std::string>> compare_table(const nlohmann::json &compare);
// {job, predicted_s, actual_s, error_pct, intended, as_intended}: each validated job of an
// ensemble (schemas/synth-validation.v1), as_intended "yes", "no" or "-" (no intended pattern).
nlohmann::json validation_rows(const nlohmann::json &validation);
// One table row per validated job: predicted and measured seconds, error, intended pattern and
// measured labels.
std::vector<std::vector<std::string>> validation_table(const nlohmann::json &validation);
// One table row per series: Amdahl's serial fraction and fit, the node count where efficiency
// fell below the threshold.
std::vector<std::vector<std::string>> scaling_table(const nlohmann::json &scaling);
// One table row per model: its laws, R^2, leave-one-out errors.
std::vector<std::vector<std::string>> model_table(const nlohmann::json &model);

}  // namespace hpcpat::html
