// An hwloc topology of this node, loaded without moving the calling thread.
//
// hwloc's x86 backend runs cpuid on every PU by binding the calling thread to each in turn. We load
// topologies inside other people's programs (the interposer, at MPI_Init) and inside timed
// benchmarks: a thread that visits the CPU of another rank can wait there behind a busy-polling
// SCHED_FIFO rank for good, and a rank's binding should only ever be the launcher's. Linux's sysfs
// backend gives every object we count (packages, NUMA nodes, cores, PUs), so x86 stays out.
#pragma once

#include <hwloc.h>

namespace hpcpat::topology {

class LoadedTopology {
 public:
  LoadedTopology();  // never throws: ok() tells whether the load succeeded
  ~LoadedTopology();
  LoadedTopology(const LoadedTopology &) = delete;
  LoadedTopology &operator=(const LoadedTopology &) = delete;

  bool ok() const { return ok_; }
  hwloc_topology_t get() const { return topology_; }
  // Objects of `type`, 0 when unknown or found at several depths.
  int count(hwloc_obj_type_t type) const;

 private:
  hwloc_topology_t topology_ = nullptr;
  bool ok_ = false;
};

}  // namespace hpcpat::topology
