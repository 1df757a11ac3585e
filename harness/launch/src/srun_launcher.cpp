#include "hpcpat/launch/srun_launcher.hpp"

#include "hpcpat/base/input_error.hpp"

namespace hpcpat::launch {

LaunchCommand SrunLauncher::command(const LaunchRequest &request) const {
  check_request(request, "srun");
  LaunchCommand cmd;
  std::vector<std::string> &a = cmd.argv;
  a.push_back(executable_);
  if (request.nodes) a.insert(a.end(), {"-N", std::to_string(*request.nodes)});
  a.insert(a.end(), {"-n", std::to_string(request.ranks)});
  std::string exported = "--export=ALL";
  for (const EnvVar &v : request.rank_env) {
    if (v.value.find(',') == std::string::npos) {
      exported += "," + v.name + "=" + v.value;
    } else if (v.name == "LD_PRELOAD") {
      throw InputError("srun: LD_PRELOAD='" + v.value +
                       "': srun --export cannot carry a value with ',' and LD_PRELOAD must not "
                       "be set in srun's own environment; expected a value without ','");
    } else {
      cmd.launcher_env.push_back(v);
    }
  }
  a.push_back(exported);
  a.insert(a.end(), request.launcher_flags.begin(), request.launcher_flags.end());
  a.insert(a.end(), request.program.begin(), request.program.end());
  return cmd;
}

}  // namespace hpcpat::launch
