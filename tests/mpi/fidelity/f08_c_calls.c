/* The C half of fidelity_f08's f08c scenario: C code called from a `use mpi_f08` main program.
   Its calls reach the interposer's C wrappers, which count only inside the window that the f08
   MPI_Init opened. */
#include <mpi.h>

void fidelity_f08_c_sendrecv(int ints, int partner) {
  int out[128], in[128];
  if (ints > 128) ints = 128;
  for (int i = 0; i < ints; ++i) out[i] = i;
  MPI_Sendrecv(out, ints, MPI_INT, partner, 3, in, ints, MPI_INT, partner, 3, MPI_COMM_WORLD,
               MPI_STATUS_IGNORE);
}
