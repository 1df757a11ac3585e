#include "hpcpat/kernels/call_ledger.hpp"

namespace hpcpat::kernels {

std::string_view routine_name(Routine r) {
  switch (r) {
    case Routine::send:
      return "MPI_Send";
    case Routine::recv:
      return "MPI_Recv";
    case Routine::isend:
      return "MPI_Isend";
    case Routine::irecv:
      return "MPI_Irecv";
    case Routine::wait:
      return "MPI_Wait";
    case Routine::waitall:
      return "MPI_Waitall";
    case Routine::barrier:
      return "MPI_Barrier";
    case Routine::bcast:
      return "MPI_Bcast";
    case Routine::reduce:
      return "MPI_Reduce";
    case Routine::allreduce:
      return "MPI_Allreduce";
    case Routine::allgather:
      return "MPI_Allgather";
    case Routine::allgatherv:
      return "MPI_Allgatherv";
    case Routine::alltoall:
      return "MPI_Alltoall";
    case Routine::alltoallv:
      return "MPI_Alltoallv";
    case Routine::reduce_scatter:
      return "MPI_Reduce_scatter";
    case Routine::gather:
      return "MPI_Gather";
    case Routine::gatherv:
      return "MPI_Gatherv";
    case Routine::scatter:
      return "MPI_Scatter";
    case Routine::scatterv:
      return "MPI_Scatterv";
    case Routine::iallreduce:
      return "MPI_Iallreduce";
    case Routine::ialltoall:
      return "MPI_Ialltoall";
    case Routine::count_:
      break;
  }
  return "?";
}

}  // namespace hpcpat::kernels
