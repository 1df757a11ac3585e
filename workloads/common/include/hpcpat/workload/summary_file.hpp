// `--summary FILE`: checked before the run, so that a bad path is refused (exit 2) at the start
// rather than discovered after minutes of computing. Summary::emit(rank, FILE) writes it.
#pragma once

#include <mpi.h>

#include <string>

#include "hpcpat/workload/app_cli.hpp"
#include "hpcpat/base/atomic_file.hpp"

namespace hpcpat::app {

// Collective. Refuses on every rank when rank 0 cannot create files beside `path`.
inline void check_summary_path(const std::string &program, const std::string &path) {
  if (path.empty()) return;
  int ok = 1;
  if (world_rank() == 0) ok = base::check_writable(path).empty() ? 1 : 0;
  MPI_Bcast(&ok, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (!ok) refuse(program, "--summary " + path + ": cannot create a file in that directory");
}

}  // namespace hpcpat::app
