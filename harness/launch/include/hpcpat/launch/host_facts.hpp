// What a launcher needs to know about the machine it runs on.
#pragma once

namespace hpcpat::launch {

struct HostFacts {
  bool is_root = false;  // effective uid 0: Open MPI refuses to run without --allow-run-as-root
  int cores = 1;         // physical cores: Open MPI's default slot count on this host

  static HostFacts detect();
};

}  // namespace hpcpat::launch
