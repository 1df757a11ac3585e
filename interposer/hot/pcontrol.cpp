// MPI_Pcontrol is variadic, so its wrapper is written by hand (the table marks it custom: yes).
// Levels: see regions.hpp.
#include <mpi.h>

#include "hot_path.hpp"
#include "regions.hpp"

using namespace hpcpat::pmpi;

namespace {

int pcontrol_wrapped(int level, int (*call)(int), const void *site) noexcept {
  const Ticks t0 = now();
  ThreadState *const s = hot_state();
  if (s != nullptr) s->site = site;
  const int rc = call(level);
  if (s != nullptr) record_since(*s, CallId::MPI_Pcontrol, t0, 0);
  pcontrol(level);
  return rc;
}

int call_pmpi(int level) {
  return PMPI_Pcontrol(level);
}

}  // namespace

extern "C" HPCPAT_EXPORT int MPI_Pcontrol(const int level, ...) {
  return pcontrol_wrapped(level, call_pmpi, HPCPAT_CALL_SITE());
}

#ifdef HPCPAT_FORTRAN_WRAPPERS
#include "fortran.hpp"

// Fortran MPI_PCONTROL(LEVEL) has no IERROR argument.
extern "C" void pmpi_pcontrol_(MPI_Fint *level);
namespace {
int call_fortran(int level) {
  MPI_Fint f = level;
  const FortranScope scope;
  pmpi_pcontrol_(&f);
  return MPI_SUCCESS;
}
}  // namespace
extern "C" HPCPAT_EXPORT void mpi_pcontrol_(MPI_Fint *level) {
  pcontrol_wrapped(*level, call_fortran, HPCPAT_CALL_SITE());
}
extern "C" void mpi_pcontrol(MPI_Fint *level) HPCPAT_EXPORT __attribute__((alias("mpi_pcontrol_")));
extern "C" void mpi_pcontrol__(MPI_Fint *level) HPCPAT_EXPORT
    __attribute__((alias("mpi_pcontrol_")));
extern "C" void MPI_PCONTROL(MPI_Fint *level) HPCPAT_EXPORT __attribute__((alias("mpi_pcontrol_")));
#endif
