#include "hpcpat/launch/container_command.hpp"

#include <stdexcept>

namespace hpcpat::launch {

std::vector<std::string> container_argv(const ContainerInvocation &c) {
  if (c.image.empty() || c.image.front() == '-') {
    throw std::invalid_argument("container image '" + c.image + "': expected a reference");
  }
  if (c.command.empty()) throw std::invalid_argument("container: no command to run");
  const std::string dir = c.workdir.string();
  std::vector<std::string> argv;
  if (c.runtime == "podman") {
    // --rm: nothing left behind; the host's network and IPC namespaces: the ranks' TCP and shared
    // memory as on the host, and the hostname the profile records is the node's.
    argv = {"podman",        "run", "--rm", "--network=host", "--ipc=host", "--uts=host", "-v",
            dir + ":" + dir, "-w",  dir};
    for (const EnvVar &v : c.env) argv.insert(argv.end(), {"-e", v.name + "=" + v.value});
  } else if (c.runtime == "apptainer" || c.runtime == "singularity") {
    // apptainer shares the host's network, IPC and hostname already.
    argv = {c.runtime, "exec", "--bind", dir, "--pwd", dir};
    for (const EnvVar &v : c.env) argv.insert(argv.end(), {"--env", v.name + "=" + v.value});
  } else {
    throw std::invalid_argument("container runtime '" + c.runtime +
                                "': expected podman, apptainer or singularity");
  }
  argv.insert(argv.end(), c.options.begin(), c.options.end());
  argv.push_back(c.image);
  argv.insert(argv.end(), c.command.begin(), c.command.end());
  return argv;
}

}  // namespace hpcpat::launch
