// Where this rank runs: host name and core binding, from hwloc (hwloc_get_cpubind for the set
// the process may run on, hwloc_get_last_cpu_location for where it last ran).
#pragma once

#include <string>

namespace hpcpat::kernels {

struct Placement {
  std::string host;
  std::string cpuset;  // hwloc list syntax, e.g. "0" or "0-1"; "" when hwloc failed
  int last_cpu = -1;   // OS index of the PU the rank last ran on; -1 when unknown
  bool bound = false;  // the binding is narrower than every PU the machine allows
};

Placement probe_placement();

}  // namespace hpcpat::kernels
