// One planned run inside its container image (study spec `container`): `hpcpat profile` of the
// image runs the case there, with the image's MPI and mpirun, its profile, summary and output
// written into the run's folder, which the runtime binds at the same path. The runtime is started
// like any launcher (run_process: its own process group, the run's timeout, SIGTERM first); podman
// passes a SIGTERM on to the hpcpat inside, which stops its ranks so that they write partial
// profiles.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "hpcpat/launch/process.hpp"
#include "hpcpat/study/plan.hpp"

namespace hpcpat::runner {

// The argv that runs `program` (the run's, as run_one makes it: a built-in app by its bare name,
// found in the image) in `run`'s container, its profile `profile` in `dir`.
std::vector<std::string> container_command(const study::PlannedRun &run,
                                           const std::filesystem::path &dir,
                                           const std::string &profile,
                                           const std::vector<std::string> &program);

struct ContainerResult {
  launch::ProcessResult process;
  double wall_s = 0;
};

// Runs `argv` (container_command's) with stdout and stderr into `dir`. Throws InputError when
// the runtime cannot be started (not in PATH).
ContainerResult run_container(const std::vector<std::string> &argv,
                              const std::filesystem::path &dir, double timeout_s);

}  // namespace hpcpat::runner
