#include "hpcpat/launch/host_facts.hpp"

#include <unistd.h>

#include <thread>

#include "hpcpat/topology/loaded_topology.hpp"

namespace hpcpat::launch {
namespace {

// Open MPI counts physical cores (not hardware threads) as slots, so count them the same way.
int physical_cores() { return topology::LoadedTopology().count(HWLOC_OBJ_CORE); }

}  // namespace

HostFacts HostFacts::detect() {
  HostFacts facts;
  facts.is_root = geteuid() == 0;
  int cores = physical_cores();
  if (cores <= 0) cores = static_cast<int>(std::thread::hardware_concurrency());
  facts.cores = cores > 0 ? cores : 1;
  return facts;
}

}  // namespace hpcpat::launch
