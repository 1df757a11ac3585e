// Bidirectional bandwidth (OSU's osu_bibw): both ranks post a window of MPI_Irecv and a window of
// MPI_Isend to each other, then wait for the sends and the receives (two MPI_Waitall, as OSU).
// Rank 0 times each iteration; bandwidth = 2 * size * window / time.
#include <vector>

#include "buffer.hpp"
#include "kernel_catalog.hpp"
#include "hpcpat/kernels/measure_size.hpp"
#include "hpcpat/kernels/clock.hpp"
#include "hpcpat/kernels/data_pattern.hpp"
#include "pairs.hpp"

namespace hpcpat::kernels {
namespace {

constexpr int kTag = 100;

}  // namespace

void run_bibw(KernelContext &ctx, const KernelInfo &, const Emit &emit) {
  const Pair pair = pair_of(ctx.rank, ctx.ranks);
  const auto &sweep = ctx.options.sweep;
  const int window = ctx.options.window;
  const auto w = static_cast<std::size_t>(window);
  const bool check = ctx.validating();
  const std::size_t slots = check ? w : 1;
  Buffer sbuf(sweep.max_size * slots), rbuf(sweep.max_size * slots);
  std::vector<MPI_Request> sends(w), recvs(w);

  for (const std::size_t size : sweep_sizes(sweep.min_size, sweep.max_size)) {
    const IterationPlan plan = ctx.plan(size);
    const int count = static_cast<int>(size);
    std::uint64_t it = 0;
    auto slot = [&](int j) { return check ? static_cast<std::size_t>(j) * size : 0; };
    auto key = [&](int src, int dst, int j) {
      return PatternKey{src, dst, it * w + static_cast<std::uint64_t>(j), size};
    };
    auto round = [&](RoundClock &clock) -> double {
      if (check) {
        for (int j = 0; j < window; ++j) {
          fill_bytes(sbuf.bytes(slot(j), size), key(ctx.rank, pair.partner, j));
        }
      }
      clock.start();
      for (int j = 0; j < window; ++j) {
        MPI_Irecv(rbuf.data() + slot(j), count, MPI_BYTE, pair.partner, kTag, ctx.comm,
                  &recvs[static_cast<std::size_t>(j)]);
      }
      for (int j = 0; j < window; ++j) {
        MPI_Isend(sbuf.data() + slot(j), count, MPI_BYTE, pair.partner, kTag, ctx.comm,
                  &sends[static_cast<std::size_t>(j)]);
      }
      MPI_Waitall(window, sends.data(), MPI_STATUSES_IGNORE);
      MPI_Waitall(window, recvs.data(), MPI_STATUSES_IGNORE);
      const double t = clock.stop_us();
      if (check) {
        for (int j = 0; j < window; ++j) {
          ctx.validator.check_bytes(rbuf.bytes(slot(j), size), key(pair.partner, ctx.rank, j));
        }
      }
      ++it;
      return t;
    };

    ctx.ledger.add(Routine::barrier, 1, 0);
    // Only the sender of each pair reports; the receiver's samples are zeros.
    SizeMeasurement m = measure_size(ctx, ctx.comm, size, plan, [&](RoundClock &clock) {
      const double t = round(clock);
      return pair.sender ? t : 0.0;
    });
    m.reporting = pair.sender;
    const std::uint64_t rounds = plan.warmup + m.iterations;
    // Posted receives count 0 bytes; the second MPI_Waitall completes them and counts them.
    ctx.ledger.add(Routine::irecv, rounds * w, 0);
    ctx.ledger.add(Routine::isend, rounds * w, size);
    ctx.ledger.add(Routine::waitall, rounds, 0);
    ctx.ledger.add(Routine::waitall, rounds, size * w);
    emit(m);
  }
}

}  // namespace hpcpat::kernels
