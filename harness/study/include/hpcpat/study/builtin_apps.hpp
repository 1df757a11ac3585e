// The one table of hpcpat's built-in apps (the kernels and the proxy apps): the executable under
// bin/, each parameter a study may set (its name, the flag it becomes, its type and bounds) and
// which parameter is the duration knob (steps/iterations) and which the size knob, for the
// duration models that read studies later. The ctest study.builtin_apps_match_help holds this
// table against each app's real --help, both ways, so it cannot go stale.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace hpcpat::study {

enum class ParamType {
  integer,  // decimal integer within [min, max]
  number,   // decimal number within the bounds
  choice,   // one of `choices` ("a|b|c")
  flag,     // true: the flag alone; false: nothing
  size,     // a byte count: an integer, or digits with K/M/G (KiB...) as the kernels accept
};

struct AppParam {
  std::string_view name;  // as a study names it: [a-z][a-z0-9_]*
  std::string_view flag;  // the app's option, "--min-size"; "" for the positional
  ParamType type;
  double min = 0, max = 0;     // integer/number bounds (inclusive unless min_exclusive)
  bool min_exclusive = false;  // number: (min, max]
  bool bounded = false;        // false: only the type's own range (no bounds in --help)
  std::string_view choices;    // choice: "slab|pencil"
};

struct BuiltinApp {
  std::string_view name;        // the study's `app:` value
  std::string_view executable;  // the program under bin/
  std::span<const AppParam> params;
  std::string_view duration_knob;  // parameter that makes the run longer (linear in it)
  std::string_view size_knob;      // parameter that sets the problem size
  std::string_view summary_flag;   // how the runner asks for the JSON summary file
  std::string_view required;       // a parameter the case must give ("" none): the kernel
  std::string_view figure_of_merit;  // the figure of its JSON summary that rates a run ("" none)
};

std::span<const BuiltinApp> builtin_apps();
const BuiltinApp *find_builtin_app(std::string_view name);
const AppParam *find_param(const BuiltinApp &app, std::string_view name);

// "" when `text` (a value as written in the spec) is acceptable for `p`; else what was expected,
// e.g. "an integer from 1 to 2000".
std::string why_not_value(const AppParam &p, std::string_view text);
// "an integer from 1 to 2000", "one of slab, pencil": the parameter's type in words.
std::string describe_type(const AppParam &p);

}  // namespace hpcpat::study
