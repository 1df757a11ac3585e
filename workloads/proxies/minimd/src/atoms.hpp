// Per-rank atom storage, structure of contiguous arrays: owned ("local") atoms first, then ghost
// copies of neighbours' atoms. Positions and forces are xyz-interleaved (3 doubles per atom) so the
// force loop gathers one cache line per neighbour.
#pragma once

#include <cstdint>
#include <vector>

namespace minimd {

struct Atoms {
  int nlocal = 0;
  int nghost = 0;
  std::vector<double> x;         // 3 * (nlocal + nghost)
  std::vector<double> v;         // 3 * nlocal
  std::vector<double> f;         // 3 * (nlocal + nghost); ghost entries are scratch
  std::vector<std::int64_t> id;  // nlocal; global lattice id (stable across migration)

  int nall() const { return nlocal + nghost; }

  void add_local(const double *pos, const double *vel, std::int64_t gid) {
    // Ghosts are rebuilt after every change of local atoms, so appending drops them.
    x.resize(3 * static_cast<std::size_t>(nlocal));
    x.insert(x.end(), pos, pos + 3);
    v.resize(3 * static_cast<std::size_t>(nlocal));
    v.insert(v.end(), vel, vel + 3);
    id.resize(nlocal);
    id.push_back(gid);
    ++nlocal;
    nghost = 0;
  }

  // Removes local atom i by moving the last local atom into its slot (ghosts must be absent).
  void remove_local(int i) {
    const int last = nlocal - 1;
    for (int k = 0; k < 3; ++k) {
      x[3 * i + k] = x[3 * last + k];
      v[3 * i + k] = v[3 * last + k];
    }
    id[i] = id[last];
    --nlocal;
    x.resize(3 * static_cast<std::size_t>(nlocal));
    v.resize(3 * static_cast<std::size_t>(nlocal));
    id.resize(nlocal);
  }
};

}  // namespace minimd
