#include "hpcpat/fft/transpose.hpp"

#include <hpcpat/regions.h>

#include <algorithm>
#include <cstring>

namespace hpcpat::fft {

namespace {

std::vector<Box> allgather_boxes(MPI_Comm comm, const Box &mine) {
  int size = 0;
  MPI_Comm_size(comm, &size);
  std::vector<Box> all(static_cast<std::size_t>(size));
  static_assert(sizeof(Box) == 6 * sizeof(std::int64_t));
  MPI_Allgather(&mine, 6, MPI_INT64_T, all.data(), 6, MPI_INT64_T, comm);
  return all;
}

// Visits the rows of `block` along `layout`'s contiguous axis, in `layout`'s storage order:
// fn(global index of the row start). The row length is block.n[layout.order[2]].
template <class Fn>
void for_each_row(const Layout &layout, const Box &block, Fn &&fn) {
  const int a0 = layout.order[0], a1 = layout.order[1], a2 = layout.order[2];
  std::array<std::int64_t, 3> g{};
  g[a2] = block.lo[a2];
  for (std::int64_t i = 0; i < block.n[a0]; ++i) {
    g[a0] = block.lo[a0] + i;
    for (std::int64_t j = 0; j < block.n[a1]; ++j) {
      g[a1] = block.lo[a1] + j;
      fn(g);
    }
  }
}

}  // namespace

Transpose::Transpose(MPI_Comm comm, const Layout &from, const Layout &to)
    : comm_(comm), from_(from), to_(to) {
  const std::vector<Box> to_boxes = allgather_boxes(comm, to.box);
  const std::vector<Box> from_boxes = allgather_boxes(comm, from.box);
  const std::size_t peers = to_boxes.size();
  send_counts_.resize(peers);
  send_displs_.resize(peers);
  recv_counts_.resize(peers);
  recv_displs_.resize(peers);
  int send_total = 0, recv_total = 0;
  for (std::size_t p = 0; p < peers; ++p) {
    send_blocks_.push_back(intersect(from.box, to_boxes[p]));
    recv_blocks_.push_back(intersect(from_boxes[p], to.box));
    // The caller refuses grids whose local part exceeds INT_MAX elements, so these fit.
    send_counts_[p] = static_cast<int>(send_blocks_.back().volume());
    recv_counts_[p] = static_cast<int>(recv_blocks_.back().volume());
    send_displs_[p] = send_total;
    recv_displs_[p] = recv_total;
    send_total += send_counts_[p];
    recv_total += recv_counts_[p];
  }
  send_buf_.resize(static_cast<std::size_t>(send_total));
  recv_buf_.resize(static_cast<std::size_t>(recv_total));

  // Uniform when every block of every rank has the same size: a global decision, so that all
  // ranks call the same collective.
  int mine_uniform = std::all_of(send_counts_.begin(), send_counts_.end(),
                                 [&](int c) { return c == send_counts_[0]; });
  int lo_count = send_counts_[0], hi_count = send_counts_[0];
  MPI_Allreduce(MPI_IN_PLACE, &mine_uniform, 1, MPI_INT, MPI_LAND, comm);
  MPI_Allreduce(MPI_IN_PLACE, &lo_count, 1, MPI_INT, MPI_MIN, comm);
  MPI_Allreduce(MPI_IN_PLACE, &hi_count, 1, MPI_INT, MPI_MAX, comm);
  uniform_ = mine_uniform && lo_count == hi_count;
}

void Transpose::pack(const Complex *data) {
  for (std::size_t p = 0; p < send_blocks_.size(); ++p) {
    const Box &block = send_blocks_[p];
    if (block.volume() == 0) continue;
    const std::int64_t row = block.n[from_.order[2]];
    Complex *out = send_buf_.data() + send_displs_[p];
    for_each_row(from_, block, [&](const std::array<std::int64_t, 3> &g) {
      std::memcpy(static_cast<void *>(out), data + from_.offset(g),
                  static_cast<std::size_t>(row) * sizeof(Complex));
      out += row;
    });
  }
}

void Transpose::unpack(Complex *data) const {
  const int fast = from_.order[2];  // the axis along which the received rows run
  const std::int64_t dst_stride = to_.stride(fast);
  for (std::size_t p = 0; p < recv_blocks_.size(); ++p) {
    const Box &block = recv_blocks_[p];
    if (block.volume() == 0) continue;
    const std::int64_t row = block.n[fast];
    const Complex *in = recv_buf_.data() + recv_displs_[p];
    // The sender packed in its `from` order, which is the same order on every rank.
    for_each_row(from_, block, [&](const std::array<std::int64_t, 3> &g) {
      Complex *dst = data + to_.offset(g);
      if (dst_stride == 1) {
        std::memcpy(static_cast<void *>(dst), in, static_cast<std::size_t>(row) * sizeof(Complex));
      } else {
        for (std::int64_t i = 0; i < row; ++i) dst[i * dst_stride] = in[i];
      }
      in += row;
    });
  }
}

void Transpose::run(Complex *data, PhaseTimers &timers) {
  double t0 = MPI_Wtime();
  {
    hpcpat::Region region("pack");
    pack(data);
  }
  double t1 = MPI_Wtime();
  {
    hpcpat::Region region("transpose");
    if (uniform_) {
      MPI_Alltoall(send_buf_.data(), send_counts_[0], MPI_C_DOUBLE_COMPLEX, recv_buf_.data(),
                   recv_counts_[0], MPI_C_DOUBLE_COMPLEX, comm_);
    } else {
      MPI_Alltoallv(send_buf_.data(), send_counts_.data(), send_displs_.data(),
                    MPI_C_DOUBLE_COMPLEX, recv_buf_.data(), recv_counts_.data(),
                    recv_displs_.data(), MPI_C_DOUBLE_COMPLEX, comm_);
    }
  }
  double t2 = MPI_Wtime();
  {
    hpcpat::Region region("pack");
    unpack(data);
  }
  double t3 = MPI_Wtime();
  timers.pack_s += (t1 - t0) + (t3 - t2);
  timers.transpose_s += t2 - t1;
}

}  // namespace hpcpat::fft
