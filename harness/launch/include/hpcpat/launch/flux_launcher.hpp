// Flux: flux run [-N nodes] -n ranks --env=NAME=VALUE ... PROGRAM ARGS...
// `flux run` copies the caller's environment into the job; --env adds/overrides for the job only.
#pragma once

#include <string>

#include "hpcpat/launch/launcher.hpp"

namespace hpcpat::launch {

class FluxLauncher final : public Launcher {
 public:
  explicit FluxLauncher(std::string executable = "flux") : executable_(std::move(executable)) {}

  std::string name() const override { return "flux"; }
  LaunchCommand command(const LaunchRequest &request) const override;

 private:
  std::string executable_;
};

}  // namespace hpcpat::launch
