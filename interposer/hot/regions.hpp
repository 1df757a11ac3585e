// Named regions (include/hpcpat/regions.h) and MPI_Pcontrol levels.
//
// A region records its count, its inclusive wall time and the MPI time spent while it was open
// (the difference of ThreadTables::mpi_ticks at end and begin), per thread; the report sums them
// over threads and ranks. Regions are recorded only while collecting (after MPI_Init, before
// MPI_Finalize, not paused). Begin/end pair by name on one thread; an end closes the innermost
// open region of that name (regions opened inside it and still open are discarded); an end
// without a matching begin is ignored. Threads beyond HPCPAT_MAX_THREADS (sharing the overflow
// table) cannot keep a region stack: their regions are counted in dropped_regions.
#pragma once

namespace hpcpat::pmpi {

void region_begin(const char *name) noexcept;
void region_end(const char *name) noexcept;

// MPI_Pcontrol(level):  0 pauses collection (calls pass through untimed, uncounted),
//                       1 resumes it,
//                       k >= 2 opens region "pcontrol.k",  -k (k >= 2) closes "pcontrol.k",
//                       -1 is ignored. The MPI_Pcontrol call itself is counted when collecting.
void pcontrol(int level) noexcept;

}  // namespace hpcpat::pmpi
