// SHA-256 (FIPS 180-4) of a text, as 64 lowercase hex digits: how start_study tells one study
// spec from another (a content hash, recorded in study.json and the studies table).
#pragma once

#include <string>
#include <string_view>

namespace hpcpat::store {

std::string sha256_hex(std::string_view data);

}  // namespace hpcpat::store
