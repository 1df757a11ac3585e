// The JSON of a regression check (hpcpat compare --json; the report draws from it):
// schemas/compare.v1.schema.json, "schema": "hpcpat.compare.v1".
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "hpcpat/compare/compare.hpp"
#include "hpcpat/compare/references.hpp"

namespace hpcpat::compare {

inline constexpr const char *kCompareSchema = "hpcpat.compare.v1";

// Numbers that do not exist (no change, an undefined test) are null, never NaN.
nlohmann::json compare_json(const Comparison &c, const std::vector<ReferenceCheck> &checks);

}  // namespace hpcpat::compare
