// Slurm: srun [-N nodes] -n ranks --export=ALL,NAME=VALUE,... PROGRAM ARGS...
//
// --export separates variables with commas and has no escape for a comma inside a value, so a
// variable whose value holds one is set in srun's own environment instead (--export=ALL passes it
// on). That is refused for LD_PRELOAD, which must never load into srun itself.
#pragma once

#include <string>

#include "hpcpat/launch/launcher.hpp"

namespace hpcpat::launch {

class SrunLauncher final : public Launcher {
 public:
  explicit SrunLauncher(std::string executable = "srun") : executable_(std::move(executable)) {}

  std::string name() const override { return "srun"; }
  LaunchCommand command(const LaunchRequest &request) const override;

 private:
  std::string executable_;
};

}  // namespace hpcpat::launch
