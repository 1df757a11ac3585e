// Reads profile v1 JSON into a Profile, checking every field it reads against the contract.
// The first problem found ends the read with one hpcpat::InputError naming the file, the JSON path
// of the field and what was expected. Unknown extra members are ignored (later writers and the
// analysis layer may add some, e.g. `pattern`). Beyond the types, the reader holds a profile to
// what the schema and the writer promise together: call names are MPI_ names, a complete profile
// has one record per rank of run.ranks and a finalized exit, a partial dump one record and an exit
// that is not "finalized".
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "hpcpat/base/input_file.hpp"
#include "hpcpat/contract.h"
#include "hpcpat/profile/profile.hpp"

namespace hpcpat::profile {

inline constexpr std::string_view kSchemaId = contract::kProfileSchemaId;

// Reads a profile file: a regular file of at most `max_bytes` (input_file.hpp; `raise_hint` ends
// the over-limit message), parsed as a stream so that the rank records and matrix entries never
// exist as a DOM all at once (peak memory about twice the file, not ten times).
Profile read_profile(const std::filesystem::path &path,
                     std::uint64_t max_bytes = kDefaultMaxInputBytes,
                     std::string_view raise_hint = {});
// `source` names the document in messages (a file path, "<stdin>", ...).
Profile parse_profile(std::string_view json_text, const std::string &source);
Profile profile_from_json(const nlohmann::json &document, const std::string &source);

}  // namespace hpcpat::profile
