// The environment variables that place the report's files, checked: a bad value gets one message
// naming the variable and what was expected, then the report falls back and carries on (a guest
// never fails the host's run for a typo in its own settings). HPCPAT_TAGS and HPCPAT_RUN_ID, which
// the kernels read too, are parsed by hpcpat/runinfo/run_env.hpp.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hpcpat::pmpi::report {

// $HPCPAT_OUTPUT when set and its directory exists and is writable, else
// "hpcpat-<app>-<run id>.json" in the current directory (contract::default_profile_name).
std::string choose_output_path(const char *env_value, const std::string &app,
                               const std::string &run_id, std::vector<std::string> &problems);

// "<dir>/name.json" -> "<dir>/name.rank<N>.partial.json" (contract::partial_name).
std::string partial_path(const std::string &final_path, int rank);

}  // namespace hpcpat::pmpi::report
