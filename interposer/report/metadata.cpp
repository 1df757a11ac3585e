#include "metadata.hpp"

#include <mpi.h>

namespace hpcpat::pmpi::report {

bool built_with_libfabric() noexcept {
#ifdef HPCPAT_HAVE_LIBFABRIC
  return true;
#else
  return false;
#endif
}

bool built_with_papi() noexcept {
#ifdef HPCPAT_HAVE_PAPI
  return true;
#else
  return false;
#endif
}

const char *thread_level_name(int level) noexcept {
  switch (level) {
    case MPI_THREAD_FUNNELED:
      return "MPI_THREAD_FUNNELED";
    case MPI_THREAD_SERIALIZED:
      return "MPI_THREAD_SERIALIZED";
    case MPI_THREAD_MULTIPLE:
      return "MPI_THREAD_MULTIPLE";
    default:
      return "MPI_THREAD_SINGLE";
  }
}

}  // namespace hpcpat::pmpi::report
