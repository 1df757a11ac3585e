#include "hpcpat/launch/flux_launcher.hpp"

#include <cmath>
#include <cstdio>

#include "hpcpat/base/input_error.hpp"

namespace hpcpat::launch {
namespace {

// An attribute key is one dotted path component under user.; a value Flux reads as JSON when it
// parses as JSON, so it stays a plain token here (the names studies use).
bool plain_token(const std::string &s) {
  if (s.empty()) return false;
  for (const char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// flux run/submit expand $NAME and ${NAME} in --env values (Python's string.Template, checked
// with flux-core 0.88: '--env=Y=$(touch x)' fails to substitute); '$$' is a literal '$', so
// every '$' is doubled and the value reaches the ranks byte for byte.
std::string flux_env_escaped(const std::string &value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    out += c;
    if (c == '$') out += '$';
  }
  return out;
}

}  // namespace

std::string flux_duration(double seconds) {
  if (!(seconds > 0) || !std::isfinite(seconds)) {
    throw InputError("flux: time limit: expected a positive number of seconds, got " +
                     std::to_string(seconds));
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", seconds);
  std::string s(buf);
  s.erase(s.find_last_not_of('0') + 1);  // 30.500 -> 30.5, 30.000 -> 30.
  if (s.back() == '.') s.pop_back();
  return s + "s";
}

LaunchCommand FluxLauncher::command(const LaunchRequest &request) const {
  check_request(request, "flux");
  const FluxOptions &o = options_;
  LaunchCommand cmd;
  std::vector<std::string> &a = cmd.argv;
  a.insert(a.end(), {o.executable, o.mode == FluxOptions::Mode::run ? "run" : "submit"});
  if (request.nodes) a.insert(a.end(), {"-N", std::to_string(*request.nodes)});
  a.insert(a.end(), {"-n", std::to_string(request.ranks)});
  if (o.cores_per_task) {
    if (*o.cores_per_task < 1) {
      throw InputError("flux: cores per task: expected an integer >= 1, got " +
                       std::to_string(*o.cores_per_task));
    }
    a.insert(a.end(), {"-c", std::to_string(*o.cores_per_task)});
  }
  if (o.exclusive) a.push_back("--exclusive");
  if (o.time_limit_s) a.insert(a.end(), {"-t", flux_duration(*o.time_limit_s)});
  if (!o.cpu_affinity.empty()) a.insert(a.end(), {"-o", "cpu-affinity=" + o.cpu_affinity});
  if (!o.pmi.empty()) a.insert(a.end(), {"-o", "pmi=" + o.pmi});
  for (const auto &[key, value] : o.user_attributes) {
    if (!plain_token(key) || !plain_token(value)) {
      throw InputError("flux: job attribute user." + key + "=" + value +
                       ": expected letters, digits, '_', '-' or '.' on both sides");
    }
    a.push_back("--setattr=user." + key + "=" + value);
  }
  for (const EnvVar &v : request.rank_env) {
    a.push_back("--env=" + v.name + "=" + flux_env_escaped(v.value));
  }
  a.insert(a.end(), request.launcher_flags.begin(), request.launcher_flags.end());
  a.insert(a.end(), request.program.begin(), request.program.end());
  return cmd;
}

}  // namespace hpcpat::launch
