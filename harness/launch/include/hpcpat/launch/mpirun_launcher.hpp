// mpirun / mpiexec of Open MPI or MPICH (hydra).
//
//   Open MPI: mpirun [--allow-run-as-root] [--oversubscribe] -n R [--map-by ppr:K:node]
//             -x NAME=VALUE ... PROGRAM ARGS...
//   MPICH:    mpiexec -n R [-ppn K] -genv NAME VALUE ... PROGRAM ARGS...
//
// With nodes set, K = ceil(ranks / nodes) ranks go on each node of the allocation.
#pragma once

#include <string>
#include <string_view>

#include "hpcpat/launch/host_facts.hpp"
#include "hpcpat/launch/launcher.hpp"

namespace hpcpat::launch {

enum class MpiFlavour { openmpi, mpich };

std::string_view flavour_name(MpiFlavour f);
// "openmpi" or "mpich"; InputError naming `flag` otherwise.
MpiFlavour parse_flavour(std::string_view text, std::string_view flag);

class MpirunLauncher final : public Launcher {
 public:
  MpirunLauncher(MpiFlavour flavour, std::string executable, HostFacts host);

  std::string name() const override { return "mpirun"; }
  LaunchCommand command(const LaunchRequest &request) const override;

 private:
  MpiFlavour flavour_;
  std::string executable_;
  HostFacts host_;
};

}  // namespace hpcpat::launch
