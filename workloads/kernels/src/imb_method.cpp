// --method imb: the Intel MPI Benchmarks' loop (IMB-MPI1 2021.11, src_cpp/helpers/
// helper_IMB_functions.h IMB_init_buffers_iter, src_c/IMB_warm_up.c, IMB_pingpong.c,
// IMB_allreduce.c and friends), so that figures can be held against published IMB results.
//
// Per size, as IMB does with its defaults (ITER_POLICY imode_dynamic, -sync 1, no -off_cache):
//  1. selected = min(MSGSPERSAMPLE 1000, max(1, OVERALL_VOL 40 MiB / size)) repetitions;
//  2. calibration, untimed for the result: one run of 1 repetition, MPI_Allreduce(MAX) of its
//     time, a repetition estimate for 1 s (1000 below 1 ms) MPI_Allreduce(MAX)ed, then (when more
//     than 1) one run of that many, MPI_Allreduce(MAX) of its time; the repetitions are then
//     min(selected, the previous size's, 1 + 10 s / time), MPI_Bcast from rank 0;
//  3. at the first size only, a warm-up run of repetitions / 10 (WARMUP_PERCENT; at least 1);
//  4. the measured run, then an MPI_Barrier.
// Buffers come from MPI_Alloc_mem and grow as IMB_alloc_buf grows them (freed and allocated
// anew when a size needs more), so that they sit where IMB's sit (see buffer.hpp).
// A run ("Benchmark" in IMB) is N_BARR = 2 barriers, then the repetitions: ping-pong times the
// whole loop of MPI_Send/MPI_Recv on both ranks (one-way time = round trip / 2); a collective
// times each call and sums, with one MPI_Barrier (-sync 1) after each, outside the timed region;
// barrier times the whole loop. Each rank's time per repetition gives t_min/t_avg/t_max over the
// ranks (summarize()); ping-pong reports rank 0's.
#include "imb_method.hpp"

#include <algorithm>
#include <climits>
#include <memory>

#include "buffer.hpp"
#include "collective_ops.hpp"
#include "hpcpat/kernels/clock.hpp"

namespace hpcpat::kernels {
namespace {

constexpr std::uint64_t kMsgsPerSample = 1000;         // IMB_settings.h MSGSPERSAMPLE
constexpr std::uint64_t kOverallVol = 40ULL << 20;     // OVERALL_VOL
constexpr double kSecsPerSample = 10.0;                // SECS_PER_SAMPLE
constexpr std::uint64_t kWarmupPercent = 10;           // WARMUP_PERCENT (a divisor, really)
constexpr int kBarriersBefore = 2;                     // N_BARR
constexpr int kTag = 1;

// One IMB run of n repetitions; returns this rank's seconds per repetition.
using Run = std::function<double(std::uint64_t n)>;

struct SizeRuns {
  std::uint64_t untimed = 0;  // repetitions run for calibration and warm-up
  std::uint64_t measured = 0;
  std::uint64_t selected = 0;
  double seconds = 0;  // this rank's time per repetition of the measured run
};

// Steps 1-4 above. prev: the previous size's repetitions (updated).
SizeRuns imb_size(KernelContext &ctx, std::size_t size, bool first, std::uint64_t &prev,
                  const Run &run) {
  SizeRuns r;
  r.selected = size > 0 ? std::max<std::uint64_t>(1, std::min(kOverallVol / size, kMsgsPerSample))
                        : kMsgsPerSample;
  if (first) prev = kMsgsPerSample;
  double t = run(1), t_max = 0;
  r.untimed = 1;
  MPI_Allreduce(&t, &t_max, 1, MPI_DOUBLE, MPI_MAX, ctx.comm);
  int rep_test = 1, acc = 0;
  if (t_max < 1.0 / static_cast<double>(kMsgsPerSample)) {
    rep_test = static_cast<int>(kMsgsPerSample);
  } else if (t_max < 1.0) {
    rep_test = static_cast<int>(1.0 / t_max + 0.5);
  }
  MPI_Allreduce(&rep_test, &acc, 1, MPI_INT, MPI_MAX, ctx.comm);
  ctx.ledger.add(Routine::allreduce, 1, sizeof(double));
  ctx.ledger.add(Routine::allreduce, 1, sizeof(int));
  std::uint64_t n = std::min<std::uint64_t>(r.selected, static_cast<std::uint64_t>(acc));
  if (n > 1) {
    t = run(n);
    r.untimed += n;
    MPI_Allreduce(&t, &t_max, 1, MPI_DOUBLE, MPI_MAX, ctx.comm);
    ctx.ledger.add(Routine::allreduce, 1, sizeof(double));
  }
  const float val = static_cast<float>(1 + kSecsPerSample / t_max);
  const std::uint64_t t_sample = (t_max > 1e-8 && val <= static_cast<float>(INT_MAX))
                                     ? static_cast<std::uint64_t>(val)
                                     : r.selected;
  int reps = static_cast<int>(std::min({r.selected, prev, t_sample}));
  MPI_Bcast(&reps, 1, MPI_INT, 0, ctx.comm);
  ctx.ledger.add(Routine::bcast, 1, sizeof(int));
  n = static_cast<std::uint64_t>(reps);
  if (first) {
    std::uint64_t w = n / kWarmupPercent;
    if (w == 0 && n > 1) w = 1;
    if (w > 0) {
      run(w);
      r.untimed += w;
    }
  }
  r.seconds = run(n);
  r.measured = n;
  MPI_Barrier(ctx.comm);
  ctx.ledger.add(Routine::barrier, 1, 0);
  prev = n;
  return r;
}

SizeMeasurement to_measurement(std::size_t size, const SizeRuns &r, double parts,
                               bool reporting) {
  SizeMeasurement m;
  m.size = size;
  m.warmup = r.untimed;
  m.iterations = r.measured;
  m.planned = r.selected;
  m.reporting = reporting;
  m.loop_mean_us = r.seconds * 1e6 / parts;
  return m;
}

void barriers(KernelContext &ctx, int n) {
  for (int i = 0; i < n; ++i) MPI_Barrier(ctx.comm);
  ctx.ledger.add(Routine::barrier, static_cast<std::uint64_t>(n), 0);
}

// IMB_alloc_buf's rule: keep the buffers while they are big enough, else free and allocate anew
// (send first, then receive) at the size needed now.
template <typename Buffers, typename Make>
void grow(std::unique_ptr<Buffers> &bufs, std::size_t &held, std::size_t needed, const Make &make) {
  if (bufs && held >= needed) return;
  bufs.reset();
  bufs = make(needed);
  held = needed;
}

struct PingPongBuffers {
  explicit PingPongBuffers(std::size_t bytes)
      : send(bytes, Placement::mpi_alloc_mem), recv(bytes, Placement::mpi_alloc_mem) {}
  Buffer send, recv;
};

void imb_pingpong(KernelContext &ctx, const Emit &emit) {
  const auto &sweep = ctx.options.sweep;
  std::unique_ptr<PingPongBuffers> bufs;
  std::size_t held = 0;
  const bool sender = ctx.rank == 0;
  const int partner = sender ? 1 : 0;
  std::uint64_t prev = kMsgsPerSample;
  for (const std::size_t size : sweep_sizes(sweep.min_size, sweep.max_size)) {
    grow(bufs, held, size, [](std::size_t n) { return std::make_unique<PingPongBuffers>(n); });
    Buffer &sbuf = bufs->send, &rbuf = bufs->recv;
    const int count = static_cast<int>(size);
    const Run run = [&](std::uint64_t n) {
      barriers(ctx, kBarriersBefore);
      const double t0 = now_s();
      for (std::uint64_t i = 0; i < n; ++i) {
        if (sender) {
          MPI_Send(sbuf.data(), count, MPI_BYTE, partner, kTag, ctx.comm);
          MPI_Recv(rbuf.data(), count, MPI_BYTE, partner, kTag, ctx.comm, MPI_STATUS_IGNORE);
        } else {
          MPI_Recv(rbuf.data(), count, MPI_BYTE, partner, kTag, ctx.comm, MPI_STATUS_IGNORE);
          MPI_Send(sbuf.data(), count, MPI_BYTE, partner, kTag, ctx.comm);
        }
      }
      const double t = (now_s() - t0) / static_cast<double>(n);
      ctx.ledger.add(Routine::send, n, size);
      ctx.ledger.add(Routine::recv, n, size);
      return t;
    };
    const SizeRuns r = imb_size(ctx, size, size == sweep.min_size, prev, run);
    emit(to_measurement(size, r, 2.0, sender));
  }
}

void imb_collective(KernelContext &ctx, const KernelInfo &info, const Emit &emit) {
  const auto &sweep = ctx.options.sweep;
  std::unique_ptr<CollectiveBuffers> bufs;
  std::size_t held = 0;
  const std::size_t first = std::max(sweep.min_size, info.min_element);
  std::uint64_t prev = kMsgsPerSample;
  for (const std::size_t size : sweep_sizes(first, sweep.max_size)) {
    grow(bufs, held, collective_buffer_bytes(size, ctx.ranks), [](std::size_t n) {
      return std::make_unique<CollectiveBuffers>(n, Placement::mpi_alloc_mem);
    });
    CollectiveOp op = make_collective_op(info.name, ctx, *bufs, size);
    const Run run = [&](std::uint64_t n) {
      barriers(ctx, kBarriersBefore);
      double t = 0;
      for (std::uint64_t i = 0; i < n; ++i) {
        const double t0 = now_s();
        op.call();
        t += now_s() - t0;
        MPI_Barrier(ctx.comm);  // -sync 1
      }
      ctx.ledger.add(op.routine, n, op.ledger_bytes);
      ctx.ledger.add(Routine::barrier, n, 0);
      return t / static_cast<double>(n);
    };
    const SizeRuns r = imb_size(ctx, size, size == first, prev, run);
    emit(to_measurement(size, r, 1.0, true));
  }
}

void imb_barrier(KernelContext &ctx, const Emit &emit) {
  std::uint64_t prev = kMsgsPerSample;
  const Run run = [&](std::uint64_t n) {
    barriers(ctx, kBarriersBefore);
    const double t0 = now_s();
    for (std::uint64_t i = 0; i < n; ++i) MPI_Barrier(ctx.comm);
    ctx.ledger.add(Routine::barrier, n, 0);
    return (now_s() - t0) / static_cast<double>(n);
  };
  const SizeRuns r = imb_size(ctx, 0, true, prev, run);
  emit(to_measurement(0, r, 1.0, true));
}

}  // namespace

std::string imb_problem(const KernelInfo &info, const KernelOptions &o, bool counts_given) {
  const std::string name(info.name);
  const bool supported = name == "latency" || info.family == Family::collective ||
                         info.family == Family::barrier;
  if (!supported) {
    return "--method imb reproduces IMB PingPong (kernel latency) and the blocking collectives; "
           "'" + name + "' has no IMB loop here";
  }
  if (o.validate) return "--method imb times IMB's loop, which has no --validate; use one or the other";
  if (o.budget_s > 0) return "--method imb sets the repetitions by IMB's rule; --budget does not apply";
  if (o.timing == Timing::loop) return "--method imb times as IMB does; --timing does not apply";
  if (counts_given) {
    return "--method imb sets warm-up and repetitions by IMB's rule (1000, at most 40 MiB per "
           "size); -i/-x/--iterations-large/--warmup-large do not apply";
  }
  return "";
}

void run_imb(KernelContext &ctx, const KernelInfo &info, const Emit &emit) {
  if (info.family == Family::barrier) {
    imb_barrier(ctx, emit);
  } else if (info.family == Family::collective) {
    imb_collective(ctx, info, emit);
  } else {
    imb_pingpong(ctx, emit);
  }
}

}  // namespace hpcpat::kernels
