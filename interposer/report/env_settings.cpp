#include "env_settings.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "hpcpat/contract.h"

namespace hpcpat::pmpi::report {

std::string choose_output_path(const char *env_value, const std::string &app,
                               const std::string &run_id, std::vector<std::string> &problems) {
  const std::string fallback = contract::default_profile_name(app, run_id);
  const std::string var = contract::kEnvOutput;
  if (env_value == nullptr || *env_value == '\0') return fallback;
  const std::string path(env_value);
  if (path.back() == '/') {
    problems.push_back(var + "='" + path + "': expected a file path, got a directory; writing " +
                       fallback + " in the current directory instead");
    return fallback;
  }
  const auto slash = path.rfind('/');
  const std::string dir =
      slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    const int err = errno;
    problems.push_back(var + "='" + path + "': directory '" + dir + "' " +
                       (err == ENOENT
                            ? "does not exist"
                            : std::string("is not writable (") + std::strerror(err) + ")") +
                       "; expected a file path in an existing, writable directory; writing " +
                       fallback + " in the current directory instead");
    return fallback;
  }
  return path;
}

std::string partial_path(const std::string &final_path, int rank) {
  return contract::partial_name(final_path, rank);
}

}  // namespace hpcpat::pmpi::report
