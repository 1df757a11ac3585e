#include "env_settings.hpp"

#include "hpcpat/base/output_target.hpp"
#include "hpcpat/contract.h"

namespace hpcpat::pmpi::report {

std::string choose_output_path(const char *env_value, const std::string &app,
                               const std::string &run_id) {
  if (env_value == nullptr || *env_value == '\0') {
    return contract::default_profile_name(app, run_id);
  }
  return env_value;
}

std::string output_problem(const char *env_value, const std::string &path, int ranks,
                           bool overwrite) {
  base::OutputRules rules;
  rules.replace_existing = overwrite;
  rules.name_extra = base::partial_name_extra(ranks);
  rules.protected_file = "/proc/self/exe";
  rules.replace_hint = "set HPCPAT_OVERWRITE=1 to replace it";
  const std::string problem = base::output_target_problem(path, rules);
  if (problem.empty()) return {};
  const std::string what = env_value == nullptr || *env_value == '\0'
                               ? std::string("the default profile path '") + path + "'"
                               : std::string(contract::kEnvOutput) + "='" + path + "'";
  return what + ": " + problem + "; the profile goes there or nowhere, so none will be written";
}

std::string partial_path(const std::string &final_path, int rank) {
  return contract::partial_name(final_path, rank);
}

}  // namespace hpcpat::pmpi::report
