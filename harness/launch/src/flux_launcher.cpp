#include "hpcpat/launch/flux_launcher.hpp"

namespace hpcpat::launch {

LaunchCommand FluxLauncher::command(const LaunchRequest &request) const {
  check_request(request, "flux");
  LaunchCommand cmd;
  std::vector<std::string> &a = cmd.argv;
  a.insert(a.end(), {executable_, "run"});
  if (request.nodes) a.insert(a.end(), {"-N", std::to_string(*request.nodes)});
  a.insert(a.end(), {"-n", std::to_string(request.ranks)});
  for (const EnvVar &v : request.rank_env) a.push_back("--env=" + v.name + "=" + v.value);
  a.insert(a.end(), request.program.begin(), request.program.end());
  return cmd;
}

}  // namespace hpcpat::launch
