// Hooks from the wrappers into the report. The wrappers of MPI_Init/Init_thread, MPI_Finalize and
// MPI_Abort call these; the report (report/) implements them. All are noexcept: the interposer
// never lets an exception or an abort of its own escape into the host program.
#pragma once

#include <mpi.h>

namespace hpcpat::pmpi {

// After PMPI_Init/PMPI_Init_thread returned MPI_SUCCESS. `provided` is the thread level.
void on_init(int provided) noexcept;

// Inside MPI_Finalize, before PMPI_Finalize: aggregate over ranks (PMPI collectives on a private
// communicator) and write the profile atomically from rank 0.
void on_finalize() noexcept;

// Inside MPI_Abort, before PMPI_Abort: write this rank's partial profile, marked incomplete.
void on_abort(MPI_Comm comm, int errorcode) noexcept;

}  // namespace hpcpat::pmpi
