// The environment variables the report reads, checked: a bad value gets one message naming the
// variable and what was expected, then the report falls back and carries on (a guest never fails
// the host's run for a typo in its own settings).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hpcpat::pmpi::report {

// HPCPAT_TAGS="k=v,k2=v2" -> {"k": "v", "k2": "v2"}. Malformed items are skipped; each problem is
// appended to `problems` as a full sentence.
nlohmann::json parse_tags(const char *value, std::vector<std::string> &problems);

// $HPCPAT_RUN_ID when set and made of [A-Za-z0-9._-], else "<host>-<yyyymmddThhmmss>-<pid>".
std::string choose_run_id(const char *env_value, const std::string &host, long long epoch_s,
                          long pid, std::vector<std::string> &problems);

// $HPCPAT_OUTPUT when set and its directory exists and is writable, else
// "hpcpat-<app>-<run id>.json" in the current directory.
std::string choose_output_path(const char *env_value, const std::string &app,
                               const std::string &run_id, std::vector<std::string> &problems);

// "<dir>/name.json" -> "<dir>/name.rank<N>.partial.json" (".json" appended when missing).
std::string partial_path(const std::string &final_path, int rank);

}  // namespace hpcpat::pmpi::report
