#include "hpcpat/topology/loaded_topology.hpp"

namespace hpcpat::topology {

LoadedTopology::LoadedTopology() {
  if (hwloc_topology_init(&topology_) != 0) {
    topology_ = nullptr;
    return;
  }
  // Fails only on an hwloc without that component, where nothing would bind anyway.
  hwloc_topology_set_components(topology_, HWLOC_TOPOLOGY_COMPONENTS_FLAG_BLACKLIST, "x86");
  ok_ = hwloc_topology_load(topology_) == 0;
}

LoadedTopology::~LoadedTopology() {
  if (topology_ != nullptr) hwloc_topology_destroy(topology_);
}

int LoadedTopology::count(hwloc_obj_type_t type) const {
  if (!ok_) return 0;
  const int n = hwloc_get_nbobjs_by_type(topology_, type);
  return n < 0 ? 0 : n;  // -1: objects of this type at several depths
}

}  // namespace hpcpat::topology
