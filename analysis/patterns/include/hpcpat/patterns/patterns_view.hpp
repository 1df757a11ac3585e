// How a PatternsReport is shown: the text table of `hpcpat patterns` and the patterns.v1 JSON
// (schemas/patterns.v1.schema.json; docs/patterns.md, "JSON"). Views only format: every figure is
// computed in features/rules/patterns.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "hpcpat/patterns/patterns.hpp"

namespace hpcpat::patterns {

inline constexpr std::string_view kPatternsSchemaId = "hpcpat.patterns.v1";

nlohmann::json features_json(const Features &f);
nlohmann::json labels_json(const std::vector<LabelResult> &labels);
// One run: name, where it came from, labels (with evidence) and features. The store keeps this
// as RESULTS/<study>/<run>/patterns.json, with "schema" added.
nlohmann::json run_json(const PatternedRun &r);
nlohmann::json report_json(const PatternsReport &r);

// The table: one row per run (labels with confidence, the features that matter most), then the
// skipped runs and, for a study, each case's features by node count.
std::string report_text(const PatternsReport &r);

}  // namespace hpcpat::patterns
