// Scanning fixed-form text from the front (a launcher's report, an address), consuming what
// matched: small hand parsers where <regex> is not wanted (GCC 12 warns falsely inside it under
// -fsanitize, and -Werror turns that into a broken build).
#pragma once

#include <string_view>

namespace hpcpat {

// Removes `prefix` from the front of `s` when it is there; says whether it was.
inline bool consume_prefix(std::string_view &s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

// Removes and returns the decimal digits at the front of `s`, at most `max_digits` of them
// (more is no match: nothing is removed and "" returned).
inline std::string_view consume_digits(std::string_view &s, std::size_t max_digits) {
  std::size_t n = 0;
  while (n < s.size() && n <= max_digits && s[n] >= '0' && s[n] <= '9') ++n;
  if (n > max_digits) return {};
  const std::string_view digits = s.substr(0, n);
  s.remove_prefix(n);
  return digits;
}

}  // namespace hpcpat
