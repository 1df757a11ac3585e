// Built ONLY while harness/pmpi/report/ has no sources, so that the library links and the
// wrappers can be tested; the report (report/*.cpp) implements these hooks for real.
#include "lifecycle.hpp"

namespace hpcpat::pmpi {

void on_init(int) noexcept {}
void on_finalize() noexcept {}
void on_abort(MPI_Comm, int) noexcept {}

}  // namespace hpcpat::pmpi
