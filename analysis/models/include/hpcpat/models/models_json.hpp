// The JSON of the scaling and duration-model analyses (schemas/scaling.v1.schema.json,
// schemas/model.v1.schema.json; docs/models.md): what `hpcpat scaling --json` and `hpcpat model
// --json` print, and what the HTML report plots (every point carries measured, fitted and
// residual values). Optional values are null, never left out.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "hpcpat/models/duration_model.hpp"
#include "hpcpat/models/scaling.hpp"

namespace hpcpat::models {

inline constexpr const char *kScalingSchemaId = "hpcpat.scaling.v1";
inline constexpr const char *kModelSchemaId = "hpcpat.model.v1";

nlohmann::json scaling_json(const ScalingReport &report, const std::string &study);

// `prediction` and `inversion` are the answers to --predict and --target-seconds (null if none).
nlohmann::json model_json(const ModelReport &report, const std::string &study,
                          const std::optional<Prediction> &prediction = std::nullopt,
                          const std::optional<Inversion> &inversion = std::nullopt);

}  // namespace hpcpat::models
