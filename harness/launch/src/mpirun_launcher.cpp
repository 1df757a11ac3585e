#include "hpcpat/launch/mpirun_launcher.hpp"

#include "hpcpat/base/input_error.hpp"

namespace hpcpat::launch {

std::string_view flavour_name(MpiFlavour f) {
  return f == MpiFlavour::openmpi ? "openmpi" : "mpich";
}

MpiFlavour parse_flavour(std::string_view text, std::string_view flag) {
  if (text == "openmpi") return MpiFlavour::openmpi;
  if (text == "mpich") return MpiFlavour::mpich;
  throw InputError(std::string(flag) + ": expected openmpi or mpich, got '" + std::string(text) +
                   "'");
}

MpirunLauncher::MpirunLauncher(MpiFlavour flavour, std::string executable, HostFacts host)
    : flavour_(flavour), executable_(std::move(executable)), host_(host) {}

LaunchCommand MpirunLauncher::command(const LaunchRequest &request) const {
  check_request(request, "mpirun");
  LaunchCommand cmd;
  std::vector<std::string> &a = cmd.argv;
  a.push_back(executable_);
  const std::string ranks = std::to_string(request.ranks);
  std::string per_node;
  if (request.nodes) {
    per_node = std::to_string((request.ranks + *request.nodes - 1) / *request.nodes);
  }
  if (flavour_ == MpiFlavour::openmpi) {
    // Open MPI refuses root without the flag, and refuses more ranks than slots (cores) unless
    // told that oversubscribing is intended. Both only when needed, so that a normal user's
    // run reads like the command they would type.
    if (host_.is_root) a.push_back("--allow-run-as-root");
    if (request.ranks > host_.cores) a.push_back("--oversubscribe");
    a.insert(a.end(), {"-n", ranks});
    if (request.nodes) a.insert(a.end(), {"--map-by", "ppr:" + per_node + ":node"});
    for (const EnvVar &v : request.rank_env) a.insert(a.end(), {"-x", v.name + "=" + v.value});
  } else {
    a.insert(a.end(), {"-n", ranks});
    if (request.nodes) a.insert(a.end(), {"-ppn", per_node});
    for (const EnvVar &v : request.rank_env) a.insert(a.end(), {"-genv", v.name, v.value});
  }
  a.insert(a.end(), request.program.begin(), request.program.end());
  return cmd;
}

}  // namespace hpcpat::launch
