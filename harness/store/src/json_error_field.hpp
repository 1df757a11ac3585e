// Where a JSON text breaks: the path of the field being read when parsing failed, so that a
// truncated or damaged file is reported with its field like any other bad value
// ("record.json: not valid JSON at field 'files.stdout': ...").
#pragma once

#include <string>
#include <string_view>

namespace hpcpat::store {

// "files.stdout", "argv[2]"; "" when the text breaks before the first member (or parses).
std::string field_at_parse_error(std::string_view text);

}  // namespace hpcpat::store
