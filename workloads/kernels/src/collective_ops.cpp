#include "collective_ops.hpp"

#include <stdexcept>
#include <string>

#include "hpcpat/kernels/data_pattern.hpp"

namespace hpcpat::kernels {
namespace {

constexpr int kRoot = 0;

// Equal blocks of `size` bytes, one per rank, as OSU's v benchmarks lay them out.
void equal_blocks(CollectiveBuffers &b, int ranks, std::size_t size) {
  b.counts.assign(static_cast<std::size_t>(ranks), static_cast<int>(size));
  b.displs.resize(static_cast<std::size_t>(ranks));
  for (int r = 0; r < ranks; ++r)
    b.displs[static_cast<std::size_t>(r)] = r * static_cast<int>(size);
}

// Fills block j of `buf` (size bytes at j*size) with the data src sends to j (dst -1: same for
// all).
void fill_blocks(Buffer &buf, int ranks, std::size_t size, int src, bool per_dst,
                 std::uint64_t it) {
  for (int j = 0; j < ranks; ++j) {
    fill_bytes(buf.bytes(static_cast<std::size_t>(j) * size, size),
               {src, per_dst ? j : -1, it, size});
  }
}

void check_blocks(KernelContext &ctx, Buffer &buf, std::size_t size, bool per_dst,
                  std::uint64_t it) {
  for (int j = 0; j < ctx.ranks; ++j) {
    ctx.validator.check_bytes(buf.bytes(static_cast<std::size_t>(j) * size, size),
                              {j, per_dst ? ctx.rank : -1, it, size});
  }
}

CollectiveOp reduction(std::string_view kernel, KernelContext &ctx, CollectiveBuffers &b,
                       std::size_t size) {
  const std::size_t n = size / sizeof(float);
  const int count = static_cast<int>(n);
  CollectiveOp op;
  op.fill = [&ctx, &b, n, size](std::uint64_t it) {
    fill_values(b.send.floats(n), {ctx.rank, -1, it, size});
  };
  if (kernel == "reduce") {
    op.routine = Routine::reduce;
    op.ledger_bytes = n * sizeof(float);
    op.call = [&ctx, &b, count] {
      MPI_Reduce(b.send.data(), b.recv.data(), count, MPI_FLOAT, MPI_SUM, kRoot, ctx.comm);
    };
    op.check = [&ctx, &b, n, size](std::uint64_t it) {
      if (ctx.rank == kRoot)
        ctx.validator.check_sum(b.recv.floats(n), {0, -1, it, size}, ctx.ranks, 0);
    };
  } else if (kernel == "allreduce") {
    op.routine = Routine::allreduce;
    op.ledger_bytes = n * sizeof(float);
    op.call = [&ctx, &b, count] {
      MPI_Allreduce(b.send.data(), b.recv.data(), count, MPI_FLOAT, MPI_SUM, ctx.comm);
    };
    op.check = [&ctx, &b, n, size](std::uint64_t it) {
      ctx.validator.check_sum(b.recv.floats(n), {0, -1, it, size}, ctx.ranks, 0);
    };
  } else {  // reduce_scatter: the vector of n floats is split as evenly as possible
    op.routine = Routine::reduce_scatter;
    const auto ranks = static_cast<std::size_t>(ctx.ranks);
    b.counts.resize(ranks);
    b.displs.resize(ranks);
    int displ = 0;
    for (std::size_t r = 0; r < ranks; ++r) {
      b.counts[r] = static_cast<int>(n / ranks + (r < n % ranks ? 1 : 0));
      b.displs[r] = displ;
      displ += b.counts[r];
    }
    const auto mine = static_cast<std::size_t>(b.counts[static_cast<std::size_t>(ctx.rank)]);
    const auto first = static_cast<std::size_t>(b.displs[static_cast<std::size_t>(ctx.rank)]);
    op.ledger_bytes = n * sizeof(float);  // sum(recvcounts) x type
    op.call = [&ctx, &b] {
      MPI_Reduce_scatter(b.send.data(), b.recv.data(), b.counts.data(), MPI_FLOAT, MPI_SUM,
                         ctx.comm);
    };
    op.check = [&ctx, &b, mine, first, size](std::uint64_t it) {
      ctx.validator.check_sum(b.recv.floats(mine), {0, -1, it, size}, ctx.ranks, first);
    };
  }
  return op;
}

}  // namespace

std::size_t collective_buffer_bytes(std::size_t max_size, int ranks) {
  return max_size * static_cast<std::size_t>(ranks);
}

CollectiveOp make_collective_op(std::string_view kernel, KernelContext &ctx, CollectiveBuffers &b,
                                std::size_t size) {
  if (kernel == "reduce" || kernel == "allreduce" || kernel == "reduce_scatter") {
    return reduction(kernel, ctx, b, size);
  }
  const int count = static_cast<int>(size);
  const auto n = static_cast<std::uint64_t>(ctx.ranks);
  const bool root = ctx.rank == kRoot;
  CollectiveOp op;
  equal_blocks(b, ctx.ranks, size);
  if (kernel == "bcast") {
    op.routine = Routine::bcast;
    op.ledger_bytes = size;  // on every rank: non-roots forward it in tree algorithms
    op.call = [&ctx, &b, count] { MPI_Bcast(b.send.data(), count, MPI_BYTE, kRoot, ctx.comm); };
    op.fill = [&ctx, &b, size](std::uint64_t it) {
      if (ctx.rank == kRoot) fill_bytes(b.send.bytes(0, size), {kRoot, -1, it, size});
    };
    op.check = [&ctx, &b, size](std::uint64_t it) {
      if (ctx.rank != kRoot)
        ctx.validator.check_bytes(b.send.bytes(0, size), {kRoot, -1, it, size});
    };
    return op;
  }
  const bool gather_like =
      kernel == "allgather" || kernel == "allgatherv" || kernel == "gather" || kernel == "gatherv";
  if (gather_like) {
    const bool all = kernel == "allgather" || kernel == "allgatherv";
    const bool v = kernel.ends_with('v');
    op.routine = all ? (v ? Routine::allgatherv : Routine::allgather)
                     : (v ? Routine::gatherv : Routine::gather);
    op.ledger_bytes = size;
    op.fill = [&ctx, &b, size](std::uint64_t it) {
      fill_bytes(b.send.bytes(0, size), {ctx.rank, -1, it, size});
    };
    op.check = [&ctx, &b, size, all](std::uint64_t it) {
      if (all || ctx.rank == kRoot) check_blocks(ctx, b.recv, size, false, it);
    };
    if (kernel == "allgather") {
      op.call = [&ctx, &b, count] {
        MPI_Allgather(b.send.data(), count, MPI_BYTE, b.recv.data(), count, MPI_BYTE, ctx.comm);
      };
    } else if (kernel == "allgatherv") {
      op.call = [&ctx, &b, count] {
        MPI_Allgatherv(b.send.data(), count, MPI_BYTE, b.recv.data(), b.counts.data(),
                       b.displs.data(), MPI_BYTE, ctx.comm);
      };
    } else if (kernel == "gather") {
      op.call = [&ctx, &b, count] {
        MPI_Gather(b.send.data(), count, MPI_BYTE, b.recv.data(), count, MPI_BYTE, kRoot, ctx.comm);
      };
    } else {
      op.call = [&ctx, &b, count] {
        MPI_Gatherv(b.send.data(), count, MPI_BYTE, b.recv.data(), b.counts.data(), b.displs.data(),
                    MPI_BYTE, kRoot, ctx.comm);
      };
    }
    return op;
  }
  if (kernel == "alltoall" || kernel == "alltoallv") {
    const bool v = kernel == "alltoallv";
    op.routine = v ? Routine::alltoallv : Routine::alltoall;
    op.ledger_bytes = n * size;
    op.fill = [&ctx, &b, size](std::uint64_t it) {
      fill_blocks(b.send, ctx.ranks, size, ctx.rank, true, it);
    };
    op.check = [&ctx, &b, size](std::uint64_t it) { check_blocks(ctx, b.recv, size, true, it); };
    if (v) {
      op.call = [&ctx, &b] {
        MPI_Alltoallv(b.send.data(), b.counts.data(), b.displs.data(), MPI_BYTE, b.recv.data(),
                      b.counts.data(), b.displs.data(), MPI_BYTE, ctx.comm);
      };
    } else {
      op.call = [&ctx, &b, count] {
        MPI_Alltoall(b.send.data(), count, MPI_BYTE, b.recv.data(), count, MPI_BYTE, ctx.comm);
      };
    }
    return op;
  }
  if (kernel == "scatter" || kernel == "scatterv") {
    const bool v = kernel == "scatterv";
    op.routine = v ? Routine::scatterv : Routine::scatter;
    op.ledger_bytes = root ? n * size : 0;
    op.fill = [&ctx, &b, size](std::uint64_t it) {
      if (ctx.rank == kRoot) fill_blocks(b.send, ctx.ranks, size, kRoot, true, it);
    };
    op.check = [&ctx, &b, size](std::uint64_t it) {
      ctx.validator.check_bytes(b.recv.bytes(0, size), {kRoot, ctx.rank, it, size});
    };
    if (v) {
      op.call = [&ctx, &b, count] {
        MPI_Scatterv(b.send.data(), b.counts.data(), b.displs.data(), MPI_BYTE, b.recv.data(),
                     count, MPI_BYTE, kRoot, ctx.comm);
      };
    } else {
      op.call = [&ctx, &b, count] {
        MPI_Scatter(b.send.data(), count, MPI_BYTE, b.recv.data(), count, MPI_BYTE, kRoot,
                    ctx.comm);
      };
    }
    return op;
  }
  throw std::logic_error("not a sized collective: " + std::string(kernel));
}

}  // namespace hpcpat::kernels
