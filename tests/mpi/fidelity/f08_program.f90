! A `use mpi_f08` program: its bindings are not intercepted yet, so the interposer must say so
! (one hpcpat: line per rank) rather than leave no profile silently -- or, where the MPI's f08
! layer calls the C entry points, profile it.
program t
  use mpi_f08
  implicit none
  integer :: rank
  call MPI_Init()
  call MPI_Comm_rank(MPI_COMM_WORLD, rank)
  call MPI_Barrier(MPI_COMM_WORLD)
  call MPI_Finalize()
end program t
