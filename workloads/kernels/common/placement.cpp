#include "hpcpat/kernels/placement.hpp"

#include <unistd.h>

#include <array>

#include "hpcpat/topology/loaded_topology.hpp"

namespace hpcpat::kernels {

Placement probe_placement() {
  Placement p;
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) == 0) p.host = host.data();
  const topology::LoadedTopology topo;
  if (!topo.ok()) return p;
  hwloc_bitmap_t set = hwloc_bitmap_alloc();
  if (hwloc_get_cpubind(topo.get(), set, HWLOC_CPUBIND_PROCESS) == 0) {
    std::array<char, 256> text{};
    hwloc_bitmap_list_snprintf(text.data(), text.size(), set);
    p.cpuset = text.data();
    const hwloc_const_cpuset_t allowed = hwloc_topology_get_allowed_cpuset(topo.get());
    p.bound = !hwloc_bitmap_isincluded(allowed, set);
  }
  if (hwloc_get_last_cpu_location(topo.get(), set, HWLOC_CPUBIND_PROCESS) == 0) {
    p.last_cpu = hwloc_bitmap_first(set);
  }
  hwloc_bitmap_free(set);
  return p;
}

}  // namespace hpcpat::kernels
