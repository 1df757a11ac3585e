#include "ghost_comm.hpp"

#include <cstdint>
#include <cstring>

namespace minimd {

namespace {
constexpr int kTagCount = 101, kTagData = 102;
constexpr int kMigrateDoubles = 7;  // x, v and the id (exact in a double below 2^53)
}  // namespace

GhostComm::GhostComm(const Domain &dom, double cutghost) : dom_(dom), cutghost_(cutghost) {
  for (int d = 0; d < 3; ++d) {
    Swap &down = swaps_[2 * d];
    down.dim = d;
    down.send_to = dom.lower(d);
    down.recv_from = dom.upper(d);
    // Atoms leaving through the global low face reappear as images above the top brick.
    down.shift = dom.coords()[d] == 0 ? dom.length() : 0.0;
    Swap &up = swaps_[2 * d + 1];
    up.dim = d;
    up.send_to = dom.upper(d);
    up.recv_from = dom.lower(d);
    up.shift = dom.coords()[d] == dom.dims()[d] - 1 ? -dom.length() : 0.0;
  }
}

int GhostComm::exchange_count(const Swap &s, int nsend) {
  if (s.send_to == dom_.rank()) return nsend;
  int nrecv = 0;
  MPI_Sendrecv(&nsend, 1, MPI_INT, s.send_to, kTagCount, &nrecv, 1, MPI_INT, s.recv_from, kTagCount,
               dom_.comm(), MPI_STATUS_IGNORE);
  return nrecv;
}

void GhostComm::exchange(const Swap &s, int nsend, int nrecv) {
  recvbuf_.resize(nrecv);
  if (s.send_to == dom_.rank()) {
    if (nsend > 0) std::memcpy(recvbuf_.data(), sendbuf_.data(), sizeof(double) * nsend);
    return;
  }
  MPI_Sendrecv(sendbuf_.data(), nsend, MPI_DOUBLE, s.send_to, kTagData, recvbuf_.data(), nrecv,
               MPI_DOUBLE, s.recv_from, kTagData, dom_.comm(), MPI_STATUS_IGNORE);
}

void GhostComm::borders(Atoms &atoms) {
  atoms.nghost = 0;
  atoms.x.resize(3 * static_cast<std::size_t>(atoms.nlocal));
  for (int d = 0; d < 3; ++d) {
    // Both swaps of a dimension scan the atoms present before it: a ghost just received from
    // above must not be sent back up (it would duplicate when a rank is its own neighbour).
    const int nscan = atoms.nall();
    const double lo = dom_.lo(d), hi = dom_.hi(d);
    for (int k = 0; k < 2; ++k) {
      Swap &s = swaps_[2 * d + k];
      s.send_list.clear();
      for (int i = 0; i < nscan; ++i) {
        const double xd = atoms.x[3 * i + d];
        if (k == 0 ? xd < lo + cutghost_ : xd >= hi - cutghost_) s.send_list.push_back(i);
      }
      const int nsend = static_cast<int>(s.send_list.size());
      sendbuf_.resize(3 * static_cast<std::size_t>(nsend));
      for (int n = 0; n < nsend; ++n) {
        const int i = s.send_list[n];
        for (int c = 0; c < 3; ++c) sendbuf_[3 * n + c] = atoms.x[3 * i + c];
        sendbuf_[3 * n + d] += s.shift;
      }
      s.nrecv = exchange_count(s, nsend);
      exchange(s, 3 * nsend, 3 * s.nrecv);
      s.first_recv = atoms.nall();
      atoms.x.insert(atoms.x.end(), recvbuf_.begin(), recvbuf_.end());
      atoms.nghost += s.nrecv;
    }
  }
  atoms.f.resize(3 * static_cast<std::size_t>(atoms.nall()));
}

void GhostComm::forward(Atoms &atoms) {
  for (const Swap &s : swaps_) {
    const int nsend = static_cast<int>(s.send_list.size());
    sendbuf_.resize(3 * static_cast<std::size_t>(nsend));
    for (int n = 0; n < nsend; ++n) {
      const double *xi = &atoms.x[3 * s.send_list[n]];
      sendbuf_[3 * n + 0] = xi[0];
      sendbuf_[3 * n + 1] = xi[1];
      sendbuf_[3 * n + 2] = xi[2];
      sendbuf_[3 * n + s.dim] += s.shift;
    }
    if (s.send_to == dom_.rank()) {  // own neighbour: write the images in place
      std::memcpy(&atoms.x[3 * static_cast<std::size_t>(s.first_recv)], sendbuf_.data(),
                  sizeof(double) * 3 * nsend);
      continue;
    }
    MPI_Sendrecv(sendbuf_.data(), 3 * nsend, MPI_DOUBLE, s.send_to, kTagData,
                 &atoms.x[3 * static_cast<std::size_t>(s.first_recv)], 3 * s.nrecv, MPI_DOUBLE,
                 s.recv_from, kTagData, dom_.comm(), MPI_STATUS_IGNORE);
  }
}

void GhostComm::migrate(Atoms &atoms) {
  atoms.nghost = 0;
  atoms.x.resize(3 * static_cast<std::size_t>(atoms.nlocal));
  const double L = dom_.length();
  auto wrap = [L](double xd) {
    if (xd < 0) xd += L;
    if (xd >= L) xd -= L;
    return xd < 0 || xd >= L ? 0.0 : xd;  // -tiny + L rounds to L: the site is at 0
  };
  for (int d = 0; d < 3; ++d) {
    if (dom_.dims()[d] == 1) {
      for (int i = 0; i < atoms.nlocal; ++i) atoms.x[3 * i + d] = wrap(atoms.x[3 * i + d]);
      continue;
    }
    const double lo = dom_.lo(d), hi = dom_.hi(d);
    for (int k = 0; k < 2; ++k) {
      const Swap &s = swaps_[2 * d + k];
      // Direction is decided on the unwrapped coordinate; wrapping happens on the way out.
      sendbuf_.clear();
      for (int i = 0; i < atoms.nlocal;) {
        const double xd = atoms.x[3 * i + d];
        if (k == 0 ? xd < lo : xd >= hi) {
          const std::size_t at = sendbuf_.size();
          sendbuf_.insert(sendbuf_.end(), &atoms.x[3 * i], &atoms.x[3 * i] + 3);
          sendbuf_.insert(sendbuf_.end(), &atoms.v[3 * i], &atoms.v[3 * i] + 3);
          sendbuf_.push_back(static_cast<double>(atoms.id[i]));
          sendbuf_[at + d] = wrap(sendbuf_[at + d]);
          atoms.remove_local(i);  // the last atom moves into slot i: test slot i again
        } else {
          ++i;
        }
      }
      const int nsend = static_cast<int>(sendbuf_.size());
      const int nrecv = exchange_count(s, nsend / kMigrateDoubles) * kMigrateDoubles;
      exchange(s, nsend, nrecv);
      for (int n = 0; n < nrecv; n += kMigrateDoubles) {
        const double *a = &recvbuf_[n];
        atoms.add_local(a, a + 3, static_cast<std::int64_t>(a[6]));
      }
    }
  }
}

}  // namespace minimd
