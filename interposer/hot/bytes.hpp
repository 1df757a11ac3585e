// Message sizes, IPM's rules: from the send/collective arguments of a call, and for receives from
// the completion status only. The table (gen/mpi_calls.tbl) documents which side each collective
// counts; these helpers implement it. All noexcept and allocation-free.
#pragma once

#include <mpi.h>

#include <cstdint>
#include <type_traits>

namespace hpcpat::pmpi {

// Datatypes handed over by a Fortran caller (Alltoallw & co.): converted one by one.
struct FintTypes {
  const MPI_Fint *f;
  MPI_Datatype operator[](int i) const noexcept { return PMPI_Type_f2c(f[i]); }
};

// MPI_Type_size_x: a type of 2^31 bytes or more (one element of a huge contiguous type, the
// usual large-transfer idiom) overflows MPI_Type_size's int.
inline std::uint64_t type_size(MPI_Datatype t) noexcept {
  MPI_Count size = 0;
  if (PMPI_Type_size_x(t, &size) != MPI_SUCCESS || size < 0) return 0;
  return static_cast<std::uint64_t>(size);
}

// count elements of type t, in bytes.
inline std::uint64_t tb(int count, MPI_Datatype t) noexcept {
  return count > 0 ? static_cast<std::uint64_t>(count) * type_size(t) : 0;
}

// Bytes received, from a real status (PMPI_Get_count in MPI_BYTE units).
std::uint64_t status_bytes(const MPI_Status *status) noexcept;

int local_size(MPI_Comm comm) noexcept;
// Neighbours a rank sends to in a neighbourhood collective. Nothing moves to MPI_PROC_NULL (the
// rule of point-to-point too), so a non-periodic Cartesian edge counts only its real neighbours.
int out_degree(MPI_Comm comm) noexcept;
// Blocks in the send arrays of a neighbourhood collective: on a Cartesian topology 2 per
// dimension (source side, then destination side, MPI_PROC_NULL ones included), else out_degree.
int neighbor_slots(MPI_Comm comm) noexcept;
bool cart_neighbor_is_null(MPI_Comm comm, int i) noexcept;  // block i goes to MPI_PROC_NULL

// Bytes of a neighbourhood collective's per-neighbour counts, blocks to MPI_PROC_NULL left out.
template <class Types>  // a single MPI_Datatype, const MPI_Datatype* (C) or FintTypes (Fortran)
std::uint64_t neighbor_counts_bytes(const int *counts, Types types, MPI_Comm comm) noexcept;

std::uint64_t bcast(int count, MPI_Datatype type, int root, MPI_Comm comm) noexcept;
std::uint64_t reduce(int count, MPI_Datatype type, int root, MPI_Comm comm) noexcept;
std::uint64_t gather(const void *sendbuf, int sendcount, MPI_Datatype sendtype, int recvcount,
                     MPI_Datatype recvtype, int root, MPI_Comm comm) noexcept;
std::uint64_t gatherv(const void *sendbuf, int sendcount, MPI_Datatype sendtype,
                      const int *recvcounts, MPI_Datatype recvtype, int root,
                      MPI_Comm comm) noexcept;
std::uint64_t scatter(int sendcount, MPI_Datatype sendtype, int root, MPI_Comm comm) noexcept;
std::uint64_t scatterv(const int *sendcounts, MPI_Datatype sendtype, int root,
                       MPI_Comm comm) noexcept;
std::uint64_t allgather(const void *sendbuf, int sendcount, MPI_Datatype sendtype, int recvcount,
                        MPI_Datatype recvtype) noexcept;
std::uint64_t allgatherv(const void *sendbuf, int sendcount, MPI_Datatype sendtype,
                         const int *recvcounts, MPI_Datatype recvtype, MPI_Comm comm) noexcept;
std::uint64_t alltoall(const void *sendbuf, int sendcount, MPI_Datatype sendtype, int recvcount,
                       MPI_Datatype recvtype, MPI_Comm comm) noexcept;
std::uint64_t alltoallv(const void *sendbuf, const int *sendcounts, MPI_Datatype sendtype,
                        const int *recvcounts, MPI_Datatype recvtype, MPI_Comm comm) noexcept;
std::uint64_t sum_counts(const int *counts, MPI_Datatype type, MPI_Comm comm) noexcept;
std::uint64_t counts_bytes(const int *counts, MPI_Datatype type, int n) noexcept;

template <class Types>  // const MPI_Datatype* (C) or FintTypes (Fortran)
std::uint64_t counts_types_bytes(const int *counts, Types types, int n) noexcept {
  std::uint64_t sum = 0;
  for (int i = 0; i < n; ++i) sum += tb(counts[i], types[i]);
  return sum;
}

int remote_or_local_size(MPI_Comm comm) noexcept;

template <class Types>
std::uint64_t neighbor_counts_bytes(const int *counts, Types types, MPI_Comm comm) noexcept {
  const int n = neighbor_slots(comm);
  std::uint64_t sum = 0;
  for (int i = 0; i < n; ++i) {
    if (cart_neighbor_is_null(comm, i)) continue;
    if constexpr (std::is_same_v<Types, MPI_Datatype>) {
      sum += tb(counts[i], types);
    } else {
      sum += tb(counts[i], types[i]);
    }
  }
  return sum;
}

template <class Types>
std::uint64_t alltoallw(const void *sendbuf, const int *sendcounts, Types sendtypes,
                        const int *recvcounts, Types recvtypes, MPI_Comm comm) noexcept {
  const int n = remote_or_local_size(comm);
  return sendbuf == MPI_IN_PLACE ? counts_types_bytes(recvcounts, recvtypes, n)
                                 : counts_types_bytes(sendcounts, sendtypes, n);
}

}  // namespace hpcpat::pmpi
