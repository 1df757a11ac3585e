// `--summary FILE`: checked before the run, so that a bad path is refused (exit 2) at the start
// rather than discovered after minutes of computing. Summary::emit(rank, FILE) writes it.
#pragma once

#include <mpi.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "common/app_cli.hpp"

namespace hpcpat::app {

// Collective. Refuses on every rank when rank 0 cannot create files beside `path`.
inline void check_summary_path(const std::string &program, const std::string &path) {
  if (path.empty()) return;
  int ok = 1;
  if (world_rank() == 0) {
    std::string probe = path + ".tmp.XXXXXX";
    const int fd = mkstemp(probe.data());
    ok = fd >= 0;
    if (ok) {
      close(fd);
      unlink(probe.c_str());
    }
  }
  MPI_Bcast(&ok, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (!ok) refuse(program, "--summary " + path + ": cannot create a file in that directory");
}

}  // namespace hpcpat::app
