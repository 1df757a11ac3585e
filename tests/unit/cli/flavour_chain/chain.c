/* A library that needs MPI, and a program that needs only the library: the program's MPI flavour
   is found one DT_NEEDED level down (as lmp -> liblammps.so.0 -> libmpi.so.40). */
#include <mpi.h>
int chain_mpi_version(void) {
  int major = 0, minor = 0;
  MPI_Get_version(&major, &minor);
  return major;
}
