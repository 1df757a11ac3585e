// Ping-pong latency (OSU's osu_latency with 2 ranks, osu_multi_lat with n/2 pairs): the sender
// sends `size` bytes and waits for the same back; one-way latency = round trip / 2, timed by the
// sender (per iteration, or over the whole loop with --timing loop). Blocking MPI_Send/MPI_Recv as
// OSU uses.
#include <vector>

#include "buffer.hpp"
#include "kernel_catalog.hpp"
#include "hpcpat/kernels/measure_size.hpp"
#include "hpcpat/kernels/data_pattern.hpp"
#include "pairs.hpp"

namespace hpcpat::kernels {
namespace {

constexpr int kTag = 1;

}  // namespace

void run_pingpong(KernelContext &ctx, const KernelInfo &, const Emit &emit) {
  const Pair pair = pair_of(ctx.rank, ctx.ranks);
  const auto &sweep = ctx.options.sweep;
  Buffer sbuf(sweep.max_size), rbuf(sweep.max_size);
  const bool check = ctx.validating();

  for (const std::size_t size : sweep_sizes(sweep.min_size, sweep.max_size)) {
    const IterationPlan plan = ctx.plan(size);
    const int count = static_cast<int>(size);
    std::uint64_t it = 0;
    auto outgoing = [&] { return PatternKey{ctx.rank, pair.partner, it, size}; };
    auto incoming = [&] { return PatternKey{pair.partner, ctx.rank, it, size}; };
    // One exchange; returns the sender's one-way latency in microseconds.
    auto round = [&](RoundClock &clock) -> double {
      double round_trip_us = 0;
      if (pair.sender) {
        if (check) fill_bytes(sbuf.bytes(0, size), outgoing());
        clock.start();
        MPI_Send(sbuf.data(), count, MPI_BYTE, pair.partner, kTag, ctx.comm);
        MPI_Recv(rbuf.data(), count, MPI_BYTE, pair.partner, kTag, ctx.comm, MPI_STATUS_IGNORE);
        round_trip_us = clock.stop_us();
        if (check) ctx.validator.check_bytes(rbuf.bytes(0, size), incoming());
      } else {
        MPI_Recv(rbuf.data(), count, MPI_BYTE, pair.partner, kTag, ctx.comm, MPI_STATUS_IGNORE);
        if (check) {
          ctx.validator.check_bytes(rbuf.bytes(0, size), incoming());
          fill_bytes(sbuf.bytes(0, size), outgoing());
        }
        MPI_Send(sbuf.data(), count, MPI_BYTE, pair.partner, kTag, ctx.comm);
      }
      ++it;
      return round_trip_us;
    };

    ctx.ledger.add(Routine::barrier, 1, 0);
    SizeMeasurement m = measure_size(ctx, ctx.comm, size, plan, round, 2.0);
    m.reporting = pair.sender;
    ctx.ledger.add(Routine::send, plan.warmup + m.iterations, size);
    ctx.ledger.add(Routine::recv, plan.warmup + m.iterations, size);
    emit(m);
  }
}

}  // namespace hpcpat::kernels
