#include "placement.hpp"

#include <hwloc.h>
#include <unistd.h>

#include <array>

namespace hpcpat::kernels {
namespace {

// Owns one loaded hwloc topology for the duration of a probe.
class LoadedTopology {
 public:
  LoadedTopology() {
    if (hwloc_topology_init(&topo_) != 0) return;
    ok_ = hwloc_topology_load(topo_) == 0;
  }
  ~LoadedTopology() {
    if (topo_ != nullptr) hwloc_topology_destroy(topo_);
  }
  LoadedTopology(const LoadedTopology &) = delete;
  LoadedTopology &operator=(const LoadedTopology &) = delete;
  bool ok() const { return ok_; }
  hwloc_topology_t get() const { return topo_; }

 private:
  hwloc_topology_t topo_ = nullptr;
  bool ok_ = false;
};

}  // namespace

Placement probe_placement() {
  Placement p;
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) == 0) p.host = host.data();
  LoadedTopology topo;
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
