#include "env_settings.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace hpcpat::pmpi::report {

std::string choose_output_path(const char *env_value, const std::string &app,
                               const std::string &run_id, std::vector<std::string> &problems) {
  const std::string fallback = "hpcpat-" + app + "-" + run_id + ".json";
  if (env_value == nullptr || *env_value == '\0') return fallback;
  const std::string path(env_value);
  if (path.back() == '/') {
    problems.push_back("HPCPAT_OUTPUT='" + path +
                       "': expected a file path, got a directory; writing " + fallback +
                       " in the current directory instead");
    return fallback;
  }
  const auto slash = path.rfind('/');
  const std::string dir =
      slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    const int err = errno;
    problems.push_back("HPCPAT_OUTPUT='" + path + "': directory '" + dir + "' " +
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
  const std::string suffix = ".rank" + std::to_string(rank) + ".partial.json";
  const std::string ext = ".json";
  if (final_path.size() >= ext.size() &&
      final_path.compare(final_path.size() - ext.size(), ext.size(), ext) == 0) {
    return final_path.substr(0, final_path.size() - ext.size()) + suffix;
  }
  return final_path + suffix;
}

}  // namespace hpcpat::pmpi::report
