#include "bytes.hpp"

namespace hpcpat::pmpi {

namespace {

bool is_inter(MPI_Comm comm) noexcept {
  int flag = 0;
  PMPI_Comm_test_inter(comm, &flag);
  return flag != 0;
}

int comm_rank(MPI_Comm comm) noexcept {
  int r = -1;
  PMPI_Comm_rank(comm, &r);
  return r;
}

// Intercommunicator rooted collectives: the root passes MPI_ROOT, its group-mates MPI_PROC_NULL.
bool inter_root_side(int root) noexcept {
  return root == MPI_ROOT || root == MPI_PROC_NULL;
}

}  // namespace

std::uint64_t status_bytes(const MPI_Status *status) noexcept {
  int n = 0;
  if (PMPI_Get_count(status, MPI_BYTE, &n) != MPI_SUCCESS) return 0;
  if (n != MPI_UNDEFINED) return n > 0 ? static_cast<std::uint64_t>(n) : 0;
  MPI_Count big = 0;  // more than INT_MAX bytes
  if (PMPI_Get_elements_x(status, MPI_BYTE, &big) != MPI_SUCCESS || big < 0) return 0;
  return static_cast<std::uint64_t>(big);
}

int local_size(MPI_Comm comm) noexcept {
  int n = 0;
  PMPI_Comm_size(comm, &n);
  return n;
}

int remote_or_local_size(MPI_Comm comm) noexcept {
  if (!is_inter(comm)) return local_size(comm);
  int n = 0;
  PMPI_Comm_remote_size(comm, &n);
  return n;
}

int out_degree(MPI_Comm comm) noexcept {
  int topo = MPI_UNDEFINED;
  if (PMPI_Topo_test(comm, &topo) != MPI_SUCCESS) return 0;
  int n = 0;
  if (topo == MPI_CART) {  // one neighbour each way per dimension, unless it is MPI_PROC_NULL
    PMPI_Cartdim_get(comm, &n);
    int real = 0;
    for (int d = 0; d < n; ++d) {
      int source = MPI_PROC_NULL, dest = MPI_PROC_NULL;
      PMPI_Cart_shift(comm, d, 1, &source, &dest);
      real += (source != MPI_PROC_NULL) + (dest != MPI_PROC_NULL);
    }
    return real;
  }
  if (topo == MPI_GRAPH) {
    PMPI_Graph_neighbors_count(comm, comm_rank(comm), &n);
    return n;
  }
  if (topo == MPI_DIST_GRAPH) {
    int indegree = 0, weighted = 0;
    PMPI_Dist_graph_neighbors_count(comm, &indegree, &n, &weighted);
    return n;
  }
  return 0;
}

bool cart_neighbor_is_null(MPI_Comm comm, int i) noexcept {
  int topo = MPI_UNDEFINED;
  if (PMPI_Topo_test(comm, &topo) != MPI_SUCCESS || topo != MPI_CART) return false;
  int source = MPI_PROC_NULL, dest = MPI_PROC_NULL;
  PMPI_Cart_shift(comm, i / 2, 1, &source, &dest);
  return (i % 2 == 0 ? source : dest) == MPI_PROC_NULL;
}

int neighbor_slots(MPI_Comm comm) noexcept {
  int topo = MPI_UNDEFINED;
  if (PMPI_Topo_test(comm, &topo) != MPI_SUCCESS) return 0;
  if (topo != MPI_CART) return out_degree(comm);
  int n = 0;
  PMPI_Cartdim_get(comm, &n);
  return 2 * n;
}

std::uint64_t bcast(int count, MPI_Datatype type, int root, MPI_Comm comm) noexcept {
  if (is_inter(comm)) return root == MPI_ROOT ? tb(count, type) : 0;
  return tb(count, type);
}

std::uint64_t reduce(int count, MPI_Datatype type, int root, MPI_Comm comm) noexcept {
  if (is_inter(comm) && inter_root_side(root)) return 0;
  return tb(count, type);
}

std::uint64_t gather(const void *sendbuf, int sendcount, MPI_Datatype sendtype, int recvcount,
                     MPI_Datatype recvtype, int root, MPI_Comm comm) noexcept {
  if (is_inter(comm)) return inter_root_side(root) ? 0 : tb(sendcount, sendtype);
  return sendbuf == MPI_IN_PLACE ? tb(recvcount, recvtype) : tb(sendcount, sendtype);
}

std::uint64_t gatherv(const void *sendbuf, int sendcount, MPI_Datatype sendtype,
                      const int *recvcounts, MPI_Datatype recvtype, int root,
                      MPI_Comm comm) noexcept {
  if (is_inter(comm)) return inter_root_side(root) ? 0 : tb(sendcount, sendtype);
  if (sendbuf == MPI_IN_PLACE) return tb(recvcounts[comm_rank(comm)], recvtype);
  return tb(sendcount, sendtype);
}

std::uint64_t scatter(int sendcount, MPI_Datatype sendtype, int root, MPI_Comm comm) noexcept {
  if (is_inter(comm)) {
    return root == MPI_ROOT ? tb(sendcount, sendtype) * remote_or_local_size(comm) : 0;
  }
  return comm_rank(comm) == root ? tb(sendcount, sendtype) * local_size(comm) : 0;
}

std::uint64_t scatterv(const int *sendcounts, MPI_Datatype sendtype, int root,
                       MPI_Comm comm) noexcept {
  if (is_inter(comm)) {
    return root == MPI_ROOT ? counts_bytes(sendcounts, sendtype, remote_or_local_size(comm)) : 0;
  }
  return comm_rank(comm) == root ? counts_bytes(sendcounts, sendtype, local_size(comm)) : 0;
}

std::uint64_t allgather(const void *sendbuf, int sendcount, MPI_Datatype sendtype, int recvcount,
                        MPI_Datatype recvtype) noexcept {
  return sendbuf == MPI_IN_PLACE ? tb(recvcount, recvtype) : tb(sendcount, sendtype);
}

std::uint64_t allgatherv(const void *sendbuf, int sendcount, MPI_Datatype sendtype,
                         const int *recvcounts, MPI_Datatype recvtype, MPI_Comm comm) noexcept {
  if (sendbuf == MPI_IN_PLACE) return tb(recvcounts[comm_rank(comm)], recvtype);
  return tb(sendcount, sendtype);
}

std::uint64_t alltoall(const void *sendbuf, int sendcount, MPI_Datatype sendtype, int recvcount,
                       MPI_Datatype recvtype, MPI_Comm comm) noexcept {
  const std::uint64_t n = static_cast<std::uint64_t>(remote_or_local_size(comm));
  return (sendbuf == MPI_IN_PLACE ? tb(recvcount, recvtype) : tb(sendcount, sendtype)) * n;
}

std::uint64_t alltoallv(const void *sendbuf, const int *sendcounts, MPI_Datatype sendtype,
                        const int *recvcounts, MPI_Datatype recvtype, MPI_Comm comm) noexcept {
  const int n = remote_or_local_size(comm);
  return sendbuf == MPI_IN_PLACE ? counts_bytes(recvcounts, recvtype, n)
                                 : counts_bytes(sendcounts, sendtype, n);
}

std::uint64_t sum_counts(const int *counts, MPI_Datatype type, MPI_Comm comm) noexcept {
  return counts_bytes(counts, type, local_size(comm));
}

std::uint64_t counts_bytes(const int *counts, MPI_Datatype type, int n) noexcept {
  std::uint64_t elements = 0;
  for (int i = 0; i < n; ++i) elements += counts[i] > 0 ? static_cast<std::uint64_t>(counts[i]) : 0;
  return elements * type_size(type);
}

}  // namespace hpcpat::pmpi
