// mpirun / mpiexec of Open MPI or MPICH (hydra), with the flags of mpi_flavours.json:
//
//   Open MPI: mpirun [--allow-run-as-root] [--oversubscribe] --noprefix -n R [--map-by ppr:K:node]
//             -x NAME=VALUE ... PROGRAM ARGS...
//   MPICH:    mpiexec -n R [-ppn K] -genv NAME VALUE ... PROGRAM ARGS...
//
// With nodes set, K = ceil(ranks / nodes) ranks go on each node of the allocation. With remote
// nodes (LaunchRequest::remote), mpi_flavours.json's hosts (HOST:K,...), rsh_agent and
// remote_network flags follow:
//
//   Open MPI: --host node1:K,node2:K --mca plm_rsh_agent AGENT --mca btl_tcp_if_include NET
//             --mca oob_tcp_if_include NET --mca pml ob1 --mca btl self,vader,tcp
//             --mca mpi_yield_when_idle 1
//   MPICH:    -hosts node1:K,node2:K -launcher rsh -launcher-exec AGENT -localhost ADDRESS
#pragma once

#include <string>

#include "hpcpat/launch/host_facts.hpp"
#include "hpcpat/launch/launcher.hpp"
#include "hpcpat/launch/mpi_flavours.hpp"

namespace hpcpat::launch {

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
