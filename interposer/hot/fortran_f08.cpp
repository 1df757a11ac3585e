// Finds the MPI's own `use mpi_f08` entry points behind ours (see fortran_f08.hpp).
#include "fortran_f08.hpp"

#include <dlfcn.h>

#include <atomic>
#include <cstdio>

namespace hpcpat::pmpi {

void *f08_next_symbol(const char *name) noexcept {
  void *const p = dlsym(RTLD_NEXT, name);
  static std::atomic<bool> said{false};
  if (p == nullptr && !said.exchange(true)) {
    // Only reachable when libhpcpat-pmpi is loaded after the MPI's Fortran library (linked, not
    // preloaded): the call fails with MPI_ERR_INTERN rather than recursing into ourselves.
    std::fprintf(stderr, "hpcpat: %s not found after libhpcpat-pmpi (preload it, do not link it "
                         "after the MPI's Fortran library): the call fails\n", name);
  }
  return p;
}

void *f08_library_symbol(const char *name) noexcept { return dlsym(RTLD_DEFAULT, name); }

}  // namespace hpcpat::pmpi
