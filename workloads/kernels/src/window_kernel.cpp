// Streaming bandwidth (OSU's osu_bw with 2 ranks, osu_mbw_mr with n/2 pairs): per iteration the
// sender posts a window of MPI_Isend, waits for all, and waits for a 4-byte acknowledgement that
// the receiver sends once its window of MPI_Irecv has completed. Time per iteration is the
// sender's; bandwidth = size * window / time.
//
// Like OSU, all messages of a window share one buffer when timing. Under --validate every slot of
// the window has its own buffer (window * size bytes) so that each message can be checked.
#include <vector>

#include "buffer.hpp"
#include "kernel_catalog.hpp"
#include "hpcpat/kernels/measure_size.hpp"
#include "hpcpat/kernels/data_pattern.hpp"
#include "pairs.hpp"

namespace hpcpat::kernels {
namespace {

constexpr int kDataTag = 100;
constexpr int kAckTag = 101;
constexpr int kAckBytes = 4;

}  // namespace

void run_window(KernelContext &ctx, const KernelInfo &, const Emit &emit) {
  const Pair pair = pair_of(ctx.rank, ctx.ranks);
  const auto &sweep = ctx.options.sweep;
  const int window = ctx.options.window;
  const bool check = ctx.validating();
  const std::size_t slots = check ? static_cast<std::size_t>(window) : 1;
  Buffer buf(sweep.max_size * slots), ack(kAckBytes);
  std::vector<MPI_Request> requests(static_cast<std::size_t>(window));

  for (const std::size_t size : sweep_sizes(sweep.min_size, sweep.max_size)) {
    const IterationPlan plan = ctx.plan(size);
    const int count = static_cast<int>(size);
    std::uint64_t it = 0;
    auto slot = [&](int j) { return check ? static_cast<std::size_t>(j) * size : 0; };
    auto key = [&](int j) {
      const int src = pair.sender ? ctx.rank : pair.partner;
      const int dst = pair.sender ? pair.partner : ctx.rank;
      return PatternKey{src, dst, it * static_cast<std::uint64_t>(window) + j, size};
    };
    auto round = [&](RoundClock &clock) -> double {
      double window_us = 0;
      if (pair.sender) {
        if (check) {
          for (int j = 0; j < window; ++j) fill_bytes(buf.bytes(slot(j), size), key(j));
        }
        clock.start();
        for (int j = 0; j < window; ++j) {
          MPI_Isend(buf.data() + slot(j), count, MPI_BYTE, pair.partner, kDataTag, ctx.comm,
                    &requests[static_cast<std::size_t>(j)]);
        }
        MPI_Waitall(window, requests.data(), MPI_STATUSES_IGNORE);
        MPI_Recv(ack.data(), kAckBytes, MPI_BYTE, pair.partner, kAckTag, ctx.comm,
                 MPI_STATUS_IGNORE);
        window_us = clock.stop_us();
      } else {
        for (int j = 0; j < window; ++j) {
          MPI_Irecv(buf.data() + slot(j), count, MPI_BYTE, pair.partner, kDataTag, ctx.comm,
                    &requests[static_cast<std::size_t>(j)]);
        }
        MPI_Waitall(window, requests.data(), MPI_STATUSES_IGNORE);
        if (check) {
          for (int j = 0; j < window; ++j)
            ctx.validator.check_bytes(buf.bytes(slot(j), size), key(j));
        }
        MPI_Send(ack.data(), kAckBytes, MPI_BYTE, pair.partner, kAckTag, ctx.comm);
      }
      ++it;
      return window_us;
    };

    ctx.ledger.add(Routine::barrier, 1, 0);
    SizeMeasurement m = measure_size(ctx, ctx.comm, size, plan, round);
    m.reporting = pair.sender;
    const std::uint64_t rounds = plan.warmup + m.iterations;
    // A posted receive counts 0 bytes; the MPI_Waitall that completes it counts what arrived.
    if (pair.sender) {
      ctx.ledger.add(Routine::isend, rounds * window, size);
      ctx.ledger.add(Routine::waitall, rounds, 0);
    } else {
      ctx.ledger.add(Routine::irecv, rounds * window, 0);
      ctx.ledger.add(Routine::waitall, rounds, size * window);
    }
    ctx.ledger.add(pair.sender ? Routine::recv : Routine::send, rounds, kAckBytes);
    emit(m);
  }
}

}  // namespace hpcpat::kernels
