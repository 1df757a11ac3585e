#include "hpcpat/launch/mpirun_launcher.hpp"


namespace hpcpat::launch {

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
  // Root and oversubscription only when needed (Open MPI refuses both unless told they are
  // intended), so that a normal user's run reads like the command they would type.
  const FlavourFlags &f = flavour_flags(flavour_);
  auto add = [&a](const std::vector<std::string> &args) { a.insert(a.end(), args.begin(), args.end()); };
  if (host_.is_root) add(f.as_root);
  if (request.ranks > host_.cores) add(f.oversubscribe);
  add(f.keep_user_environment);
  add(expand(f.ranks, {{"ranks", ranks}}));
  if (request.nodes) add(expand(f.per_node, {{"per_node", per_node}}));
  if (request.remote) {
    // Each node offers exactly the ranks placed on it, so neither flavour looks for more slots.
    const RemoteNodes &r = *request.remote;
    std::string hosts;
    for (const std::string &h : r.hosts) hosts += (hosts.empty() ? "" : ",") + h + ":" + per_node;
    add(expand(f.hosts, {{"hosts", hosts}}));
    add(expand(f.rsh_agent, {{"agent", r.rsh_agent}}));
    add(expand(f.remote_network,
               {{"network", r.network}, {"launcher_address", r.launcher_address}}));
  }
  for (const EnvVar &v : request.rank_env) add(expand(f.rank_env, {{"name", v.name}, {"value", v.value}}));
  a.insert(a.end(), request.launcher_flags.begin(), request.launcher_flags.end());
  a.insert(a.end(), request.program.begin(), request.program.end());
  return cmd;
}

}  // namespace hpcpat::launch
