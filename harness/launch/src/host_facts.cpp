#include "hpcpat/launch/host_facts.hpp"

#include <hwloc.h>
#include <unistd.h>

#include <thread>

namespace hpcpat::launch {
namespace {

// Open MPI counts physical cores (not hardware threads) as slots, so count them the same way.
int physical_cores() {
  hwloc_topology_t topology;
  if (hwloc_topology_init(&topology) != 0) return 0;
  int cores = 0;
  if (hwloc_topology_load(topology) == 0) {
    cores = hwloc_get_nbobjs_by_type(topology, HWLOC_OBJ_CORE);
  }
  hwloc_topology_destroy(topology);
  return cores;
}

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
