// 3D halo exchange: ranks on a periodic Cartesian grid (MPI_Dims_create, MPI_Cart_create) trade
// one face of `size` bytes with each of their 6 neighbours per iteration: 6 MPI_Irecv, 6
// MPI_Isend, one MPI_Waitall, the pattern of a stencil code's ghost-cell update. Every rank times
// its own exchanges; no barrier between iterations (the neighbours' dependencies pace them, as in
// an application).
//
// Each direction has its own tag, so the two faces exchanged with the same neighbour (a grid
// dimension of 1 or 2 ranks) stay distinct, and --validate can tell them apart.
#include <array>

#include "buffer.hpp"
#include "kernel_catalog.hpp"
#include "hpcpat/kernels/measure_size.hpp"
#include "hpcpat/kernels/data_pattern.hpp"

namespace hpcpat::kernels {
namespace {

constexpr int kFaces = 6;

// Face 2d travels towards +d (sent to the upper neighbour in dimension d, received from the
// lower one); face 2d+1 travels towards -d.
struct Neighbours {
  std::array<int, kFaces> send_to{};
  std::array<int, kFaces> recv_from{};
};

Neighbours neighbours_of(MPI_Comm cart) {
  Neighbours nb;
  for (int d = 0; d < 3; ++d) {
    int lower = MPI_PROC_NULL, upper = MPI_PROC_NULL;
    MPI_Cart_shift(cart, d, 1, &lower, &upper);
    nb.send_to[static_cast<std::size_t>(2 * d)] = upper;
    nb.recv_from[static_cast<std::size_t>(2 * d)] = lower;
    nb.send_to[static_cast<std::size_t>(2 * d + 1)] = lower;
    nb.recv_from[static_cast<std::size_t>(2 * d + 1)] = upper;
  }
  return nb;
}

}  // namespace

void run_halo3d(KernelContext &ctx, const KernelInfo &, const Emit &emit) {
  std::array<int, 3> dims = {0, 0, 0};
  const std::array<int, 3> periodic = {1, 1, 1};
  MPI_Dims_create(ctx.ranks, 3, dims.data());
  MPI_Comm cart = MPI_COMM_NULL;
  MPI_Cart_create(ctx.comm, 3, dims.data(), periodic.data(), 0, &cart);
  int cart_rank = 0;
  MPI_Comm_rank(cart, &cart_rank);  // reorder = 0: equal to the world rank
  const Neighbours nb = neighbours_of(cart);

  const auto &sweep = ctx.options.sweep;
  Buffer sbuf(sweep.max_size * kFaces), rbuf(sweep.max_size * kFaces);
  std::array<MPI_Request, 2 * kFaces> requests{};
  const bool check = ctx.validating();

  for (const std::size_t size : sweep_sizes(sweep.min_size, sweep.max_size)) {
    const IterationPlan plan = ctx.plan(size);
    const int count = static_cast<int>(size);
    std::uint64_t it = 0;
    // The key distinguishes faces through the iteration field: it * kFaces + face.
    auto key = [&](int src, int dst, int face) {
      return PatternKey{src, dst, it * kFaces + static_cast<std::uint64_t>(face), size};
    };
    auto face_bytes = [size](Buffer &b, int face) {
      return b.bytes(static_cast<std::size_t>(face) * size, size);
    };
    auto round = [&](RoundClock &clock) -> double {
      if (check) {
        for (int f = 0; f < kFaces; ++f) {
          fill_bytes(face_bytes(sbuf, f),
                     key(cart_rank, nb.send_to[static_cast<std::size_t>(f)], f));
        }
      }
      clock.start();
      for (int f = 0; f < kFaces; ++f) {
        MPI_Irecv(face_bytes(rbuf, f).data(), count, MPI_BYTE,
                  nb.recv_from[static_cast<std::size_t>(f)], f, cart,
                  &requests[static_cast<std::size_t>(f)]);
      }
      for (int f = 0; f < kFaces; ++f) {
        MPI_Isend(face_bytes(sbuf, f).data(), count, MPI_BYTE,
                  nb.send_to[static_cast<std::size_t>(f)], f, cart,
                  &requests[static_cast<std::size_t>(kFaces + f)]);
      }
      MPI_Waitall(2 * kFaces, requests.data(), MPI_STATUSES_IGNORE);
      const double t = clock.stop_us();
      if (check) {
        for (int f = 0; f < kFaces; ++f) {
          ctx.validator.check_bytes(face_bytes(rbuf, f),
                                    key(nb.recv_from[static_cast<std::size_t>(f)], cart_rank, f));
        }
      }
      ++it;
      return t;
    };

    SizeMeasurement m = measure_size(ctx, cart, size, plan, round);
    const std::uint64_t rounds = plan.warmup + m.iterations;
    ctx.ledger.add(Routine::barrier, 1, 0);
    // Posted receives count 0 bytes; the MPI_Waitall that completes them counts what arrived.
    ctx.ledger.add(Routine::irecv, rounds * kFaces, 0);
    ctx.ledger.add(Routine::isend, rounds * kFaces, size);
    ctx.ledger.add(Routine::waitall, rounds, size * kFaces);
    emit(m);
  }
  MPI_Comm_free(&cart);
}

}  // namespace hpcpat::kernels
