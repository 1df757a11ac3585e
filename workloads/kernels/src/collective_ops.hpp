// One sized collective, ready to run for one message size: the MPI call with its buffers, and the
// --validate steps around it (fill the send data of an iteration, check what was received).
// Sizes follow OSU's meaning: allgather/gather/scatter: bytes per rank; alltoall: bytes per pair;
// bcast: the message; reduce/allreduce/reduce_scatter: the whole float vector.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "buffer.hpp"
#include "hpcpat/kernels/call_ledger.hpp"
#include "hpcpat/kernels/kernel_context.hpp"

namespace hpcpat::kernels {

struct CollectiveBuffers {
  explicit CollectiveBuffers(std::size_t bytes_each, Placement placement = Placement::page)
      : send(bytes_each, placement), recv(bytes_each, placement) {}
  Buffer send, recv;
  std::vector<int> counts, displs;  // v variants and reduce_scatter
};

struct CollectiveOp {
  Routine routine = Routine::barrier;
  std::uint64_t ledger_bytes = 0;  // per call on this rank, the interposer's convention
  std::function<void()> call;
  std::function<void(std::uint64_t iteration)> fill;
  std::function<void(std::uint64_t iteration)> check;
};

// Bytes each of the two buffers needs for sizes up to max_size on `ranks` ranks.
std::size_t collective_buffer_bytes(std::size_t max_size, int ranks);

// kernel: one of bcast reduce allreduce allgather allgatherv alltoall alltoallv reduce_scatter
// gather gatherv scatter scatterv.
CollectiveOp make_collective_op(std::string_view kernel, KernelContext &ctx,
                                CollectiveBuffers &bufs, std::size_t size);

}  // namespace hpcpat::kernels
