#include "hpcpat/runinfo/run_env.hpp"

#include "hpcpat/base/run_id.hpp"
#include "hpcpat/contract.h"

namespace hpcpat::runinfo {

namespace {

std::string trim(const std::string &s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

nlohmann::json parse_tags(const char *value, std::vector<std::string> &problems) {
  nlohmann::json tags = nlohmann::json::object();
  if (value == nullptr || *value == '\0') return tags;
  const std::string all(value);
  std::vector<std::string> bad, twice;
  std::size_t start = 0;
  while (start <= all.size()) {
    const auto comma = all.find(contract::kTagSeparator, start);
    const std::string item =
        trim(all.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    start = comma == std::string::npos ? all.size() + 1 : comma + 1;
    if (item.empty()) continue;
    const auto eq = item.find(contract::kTagAssign);
    const std::string key = eq == std::string::npos ? "" : trim(item.substr(0, eq));
    if (eq == std::string::npos || key.empty()) {
      bad.push_back("'" + item + "'");
      continue;
    }
    if (tags.contains(key)) twice.push_back("'" + key + "'");
    tags[key] = trim(item.substr(eq + 1));
  }
  auto joined = [](const std::vector<std::string> &v) {
    std::string s;
    for (const std::string &x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
  };
  if (!bad.empty() || !twice.empty()) {
    std::string msg = std::string(contract::kEnvTags) + "='" + all +
                      "': expected comma-separated key=value pairs (e.g. "
                      "study=scaling,nodes=4);";
    if (!bad.empty()) msg += " ignoring " + joined(bad) + " (not key=value);";
    if (!twice.empty()) msg += " keys given twice, last value kept: " + joined(twice) + ";";
    msg.pop_back();
    problems.push_back(msg);
  }
  return tags;
}

std::string choose_run_id(const char *env_value, const std::string &host, long long epoch_s,
                          long pid, std::uint32_t nonce, std::vector<std::string> &problems) {
  if (env_value != nullptr && *env_value != '\0') {
    if (contract::valid_run_id(env_value)) return env_value;
    problems.push_back(std::string(contract::kEnvRunId) + "='" + env_value +
                       "': expected 1-128 characters from [A-Za-z0-9._-] (it becomes part of a "
                       "file name); generating one instead");
  }
  return base::generated_run_id(host, epoch_s, pid, nonce);
}

}  // namespace hpcpat::runinfo
