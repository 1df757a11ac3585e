// Which MPI library the host process really calls, and whether it is the one this interposer was
// compiled against. Both Debian flavours can be loaded in one process: the interposer's DT_NEEDED
// brings its own flavour's libmpi, and the program brings the one it was linked with. The dynamic
// linker binds our PMPI_* calls to the first definer in the global scope, which is the program's
// library (the program's dependencies precede the preloaded object's), so forwarding is safe, but
// our own use of MPI objects (MPI_COMM_WORLD, MPI_INT, ...) is not: Open MPI's handles are
// pointers into libmpi.so.40, MPICH's are integers. A mismatch therefore turns the interposer into
// a pure pass-through before it touches any MPI object (see docs/architecture.md, "The guest").
#pragma once

namespace hpcpat::pmpi {

// The flavour this interposer was compiled against: "Open MPI" or "MPICH".
const char *built_flavour() noexcept;

// True when the library that defines the PMPI_Init our wrappers call is of built_flavour(), or
// cannot be told (then we trust the build). Decided once; never touches an MPI object, never
// allocates, prints nothing.
bool host_mpi_matches() noexcept;

// Prints the one "hpcpat:" line that says we stepped aside (from world rank 0 as the launcher's
// environment names it, or from every process when no launcher says).
void say_host_mismatch() noexcept;

}  // namespace hpcpat::pmpi
