// The command line that runs a command inside a container image with podman or
// apptainer/singularity: the host's network and IPC (MPI's shared memory and TCP between ranks of
// the node), one folder of the host bound at the same path and made the working folder (where the
// run's files are written), and the environment given. An argv, never a shell line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "hpcpat/launch/launcher.hpp"

namespace hpcpat::launch {

struct ContainerInvocation {
  std::string runtime;  // podman, apptainer or singularity (its executable, found in PATH)
  std::string image;    // an image reference, or for apptainer a .sif path or docker:// URI
  std::vector<std::string> options;  // more runtime flags, verbatim, before the image
  std::filesystem::path workdir;     // bound at the same path inside, and the working folder
  std::vector<EnvVar> env;           // set inside
  std::vector<std::string> command;  // run inside
};

// podman:              podman run --rm --network=host --ipc=host -v W:W -w W -e K=V ... OPTIONS
//                      IMAGE COMMAND...
// apptainer/singularity: RUNTIME exec --bind W --pwd W --env K=V ... OPTIONS IMAGE COMMAND...
// Throws std::invalid_argument for an unknown runtime, an image starting with '-', or an empty
// command (the spec reader refuses those first).
std::vector<std::string> container_argv(const ContainerInvocation &c);

}  // namespace hpcpat::launch
