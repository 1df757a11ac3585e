// Reads profile v1 JSON into a Profile, checking every field it reads against the contract.
// The first problem found ends the read with one hpcpat::InputError naming the file, the JSON path
// of the field and what was expected. Unknown extra members are ignored (later writers and the
// analysis layer may add some, e.g. `pattern`).
#pragma once

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "hpcpat/contract.h"
#include "hpcpat/profile/profile.hpp"

namespace hpcpat::profile {

inline constexpr std::string_view kSchemaId = contract::kProfileSchemaId;

Profile read_profile(const std::filesystem::path &path);
// `source` names the document in messages (a file path, "<stdin>", ...).
Profile parse_profile(std::string_view json_text, const std::string &source);
Profile profile_from_json(const nlohmann::json &document, const std::string &source);

}  // namespace hpcpat::profile
