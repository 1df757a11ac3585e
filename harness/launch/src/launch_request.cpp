#include <algorithm>
#include <cctype>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/launch/launcher.hpp"

namespace hpcpat::launch {
namespace {

bool valid_env_name(const std::string &name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

}  // namespace

void check_request(const LaunchRequest &request, const std::string &launcher) {
  if (request.ranks < 1) {
    throw InputError(launcher + ": ranks: expected an integer >= 1, got " +
                     std::to_string(request.ranks));
  }
  if (request.nodes && (*request.nodes < 1 || *request.nodes > request.ranks)) {
    throw InputError(launcher + ": nodes: expected an integer in [1, " +
                     std::to_string(request.ranks) + "] (at most one node per rank), got " +
                     std::to_string(*request.nodes));
  }
  if (request.program.empty() || request.program.front().empty()) {
    throw InputError(launcher + ": no program to run");
  }
  for (const EnvVar &v : request.rank_env) {
    if (!valid_env_name(v.name)) {
      throw InputError(launcher + ": environment variable name '" + v.name +
                       "': expected letters, digits and '_', not starting with a digit");
    }
  }
}

}  // namespace hpcpat::launch
