// The small value grammars of a study spec, apart from YAML: durations ("90s", "10m", "1h"),
// ${param} references in a command's arguments, parameter names.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpcpat::study {

// Seconds from "90", "90s", "10m", "1h" (a positive integer and an optional unit s, m, h);
// nothing when the text is not of that form or overflows.
std::optional<long long> parse_duration(std::string_view text);

// A parameter name as ${name} can reference it: [A-Za-z_][A-Za-z0-9_]{0,63}.
bool valid_param_name(std::string_view name);

// The names an argument references as ${name}; "$${" stands for a literal "${", and every other
// '$' is literal (so "$(touch x)" is kept as written). Returns the problem in `error` for a "${"
// without a closing '}' or with an invalid name.
std::vector<std::string> references(std::string_view arg, std::string &error);
// The argument with each ${name} replaced by value(name) (references() accepted it).
std::string substitute(std::string_view arg,
                       const std::function<std::string(std::string_view)> &value);

// The names a command may reference besides its parameters: facts of the run.
inline constexpr std::string_view kRunFacts[] = {"nodes", "ranks", "ranks_per_node", "threads",
                                                 "repeat"};

}  // namespace hpcpat::study
