#include "gather.hpp"

#include <algorithm>
#include <new>

namespace hpcpat::pmpi::report {

namespace {

constexpr std::size_t kBins = static_cast<std::size_t>(kNumCalls) * kSizeBins;

struct LocalBuffers {
  std::vector<std::uint64_t> bin_count, bin_bytes;
  std::vector<double> bin_time;
  std::vector<std::uint64_t> peer_rows;    // dst, messages, bytes
  std::vector<std::uint64_t> peer_counts;  // rank 0: peers per rank
  std::vector<int> quotas, recv_counts, displs;
  std::vector<std::uint64_t> all_rows;  // rank 0
};

#define HPCPAT_MPI_TRY(call)                            \
  do {                                                  \
    if ((call) != MPI_SUCCESS) return "failed: " #call; \
  } while (0)

std::string run_collectives(MPI_Comm comm, int rank, int size, std::uint32_t cap,
                            RankSnapshot &snap, const RankWireRecord &rec, LocalBuffers &b,
                            GatheredRun &out) {
  HPCPAT_MPI_TRY(PMPI_Gather(&rec, static_cast<int>(sizeof rec), MPI_BYTE, out.ranks.data(),
                             static_cast<int>(sizeof rec), MPI_BYTE, 0, comm));
  HPCPAT_MPI_TRY(PMPI_Reduce(b.bin_count.data(), out.bin_count.data(), static_cast<int>(kBins),
                             MPI_UINT64_T, MPI_SUM, 0, comm));
  HPCPAT_MPI_TRY(PMPI_Reduce(b.bin_bytes.data(), out.bin_bytes.data(), static_cast<int>(kBins),
                             MPI_UINT64_T, MPI_SUM, 0, comm));
  HPCPAT_MPI_TRY(PMPI_Reduce(b.bin_time.data(), out.bin_time.data(), static_cast<int>(kBins),
                             MPI_DOUBLE, MPI_SUM, 0, comm));

  // The matrix: rank 0 hands out quotas in rank order until `cap` rows are taken, so it never
  // receives more than `cap` rows whatever the rank count; each rank sends its heaviest peers.
  std::uint64_t my_peers = snap.num_peers;
  HPCPAT_MPI_TRY(
      PMPI_Gather(&my_peers, 1, MPI_UINT64_T, b.peer_counts.data(), 1, MPI_UINT64_T, 0, comm));
  if (rank == 0) {
    std::uint64_t left = cap;
    int offset = 0;
    for (int r = 0; r < size; ++r) {
      const std::uint64_t q = std::min(left, b.peer_counts[static_cast<std::size_t>(r)]);
      left -= q;
      b.quotas[static_cast<std::size_t>(r)] = static_cast<int>(q);
      b.recv_counts[static_cast<std::size_t>(r)] = static_cast<int>(3 * q);
      b.displs[static_cast<std::size_t>(r)] = offset;
      offset += static_cast<int>(3 * q);
    }
    b.all_rows.resize(static_cast<std::size_t>(offset));
  }
  int quota = 0;
  HPCPAT_MPI_TRY(PMPI_Scatter(b.quotas.data(), 1, MPI_INT, &quota, 1, MPI_INT, 0, comm));
  std::uint64_t dropped[2] = {snap.dropped_messages, snap.dropped_bytes};
  for (std::uint32_t i = 0; i < snap.num_peers; ++i) {
    const MergedPeer &p = snap.peers[i];
    if (static_cast<int>(i) < quota) {
      b.peer_rows.insert(b.peer_rows.end(),
                         {static_cast<std::uint64_t>(p.world_rank), p.messages, p.bytes});
    } else {
      dropped[0] += p.messages;
      dropped[1] += p.bytes;
    }
  }
  HPCPAT_MPI_TRY(PMPI_Gatherv(b.peer_rows.data(), 3 * quota, MPI_UINT64_T, b.all_rows.data(),
                              b.recv_counts.data(), b.displs.data(), MPI_UINT64_T, 0, comm));
  std::uint64_t dropped_sum[2] = {0, 0};
  HPCPAT_MPI_TRY(PMPI_Reduce(dropped, dropped_sum, 2, MPI_UINT64_T, MPI_SUM, 0, comm));
  if (rank == 0) {
    out.dropped_messages = dropped_sum[0];
    out.dropped_bytes = dropped_sum[1];
    for (int r = 0; r < size; ++r) {
      const auto first = static_cast<std::size_t>(b.displs[static_cast<std::size_t>(r)]);
      for (int i = 0; i < b.quotas[static_cast<std::size_t>(r)]; ++i) {
        const std::uint64_t *row = &b.all_rows[first + 3 * static_cast<std::size_t>(i)];
        out.matrix.push_back({static_cast<std::uint64_t>(r), row[0], row[1], row[2]});
      }
    }
  }
  return "";
}

}  // namespace

std::string gather_run(MPI_Comm comm, std::uint32_t cap, RankSnapshot &snap, const RankWireRecord &rec,
                       double seconds_per_tick, GatheredRun &out) noexcept {
  int rank = 0, size = 1;
  if (PMPI_Comm_rank(comm, &rank) != MPI_SUCCESS || PMPI_Comm_size(comm, &size) != MPI_SUCCESS) {
    return "cannot query the private communicator";
  }
  LocalBuffers b;
  int ok = 1;
  try {
    b.bin_count.resize(kBins);
    b.bin_bytes.resize(kBins);
    b.bin_time.resize(kBins);
    for (int c = 0; c < kNumCalls; ++c) {
      for (int k = 0; k < kSizeBins; ++k) {
        const SizeBin &bin = snap.calls[c].bins[k];
        const std::size_t i = static_cast<std::size_t>(c) * kSizeBins + static_cast<std::size_t>(k);
        b.bin_count[i] = bin.count;
        b.bin_bytes[i] = bin.bytes;
        b.bin_time[i] = static_cast<double>(bin.ticks) * seconds_per_tick;
      }
    }
    std::sort(snap.peers, snap.peers + snap.num_peers,
              [](const MergedPeer &a, const MergedPeer &z) { return a.bytes > z.bytes; });
    b.peer_rows.reserve(3 * static_cast<std::size_t>(snap.num_peers));
    if (rank == 0) {
      const auto n = static_cast<std::size_t>(size);
      out.ranks.resize(n);
      out.bin_count.resize(kBins);
      out.bin_bytes.resize(kBins);
      out.bin_time.resize(kBins);
      b.peer_counts.resize(n);
      b.quotas.resize(n);
      b.recv_counts.resize(n);
      b.displs.resize(n);
      b.all_rows.reserve(3 * static_cast<std::size_t>(cap));
      out.matrix.reserve(cap);
    }
  } catch (const std::bad_alloc &) {
    ok = 0;
  }
  int all_ok = 0;
  if (PMPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, comm) != MPI_SUCCESS) {
    return "PMPI_Allreduce on the private communicator failed";
  }
  if (all_ok == 0) return "a rank could not allocate the aggregation buffers";
  try {
    return run_collectives(comm, rank, size, cap, snap, rec, b, out);
  } catch (const std::bad_alloc &) {
    // Only rank 0 allocates after the check (the matrix rows, bounded by `cap` and reserved).
    return "out of memory while aggregating";
  }
}

}  // namespace hpcpat::pmpi::report
