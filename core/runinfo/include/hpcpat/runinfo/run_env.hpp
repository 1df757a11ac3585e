// The environment variables that name and label a run (HPCPAT_TAGS, HPCPAT_RUN_ID). Bad values are
// not fatal: each yields one message in `problems` naming the variable and what was expected, and
// the caller reports it.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hpcpat::runinfo {

// "k=v,k2=v2" → {"k": "v", "k2": "v2"}; malformed items are skipped (one message for all of them).
nlohmann::json parse_tags(const char *value, std::vector<std::string> &problems);

// $HPCPAT_RUN_ID when it is a portable file-name part, else
// "<host>-<UTC stamp>-<pid>-<nonce as 8 hex digits>" (base::generated_run_id; the nonce is
// base::run_nonce(), a parameter so that tests can fix it).
std::string choose_run_id(const char *env_value, const std::string &host, long long epoch_s,
                          long pid, std::uint32_t nonce, std::vector<std::string> &problems);

}  // namespace hpcpat::runinfo
