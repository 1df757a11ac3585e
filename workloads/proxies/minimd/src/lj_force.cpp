#include "lj_force.hpp"

#include <algorithm>

namespace minimd {

namespace {

// One template, two instantiations: the tally branch disappears from the hot (non-thermo) loop.
template <bool kTally>
PairTally lj_kernel(Atoms &atoms, const NeighborList &list, double cutoff) {
  const int nlocal = atoms.nlocal;
  const double *__restrict x = atoms.x.data();
  double *__restrict f = atoms.f.data();
  const int *__restrict offsets = list.offsets().data();
  const int *__restrict neigh = list.indices().data();
  const double cutsq = cutoff * cutoff;
  std::fill(atoms.f.begin(), atoms.f.end(), 0.0);
  PairTally t;
  for (int i = 0; i < nlocal; ++i) {
    const double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    double fxi = 0, fyi = 0, fzi = 0;
    for (int n = offsets[i]; n < offsets[i + 1]; ++n) {
      const int j = neigh[n];
      const double dx = xi - x[3 * j], dy = yi - x[3 * j + 1], dz = zi - x[3 * j + 2];
      const double rsq = dx * dx + dy * dy + dz * dz;
      if (rsq < cutsq) {
        const double sr2 = 1.0 / rsq;
        const double sr6 = sr2 * sr2 * sr2;
        const double fpair = 48.0 * sr6 * (sr6 - 0.5) * sr2;  // -dU/dr / r
        fxi += dx * fpair;
        fyi += dy * fpair;
        fzi += dz * fpair;
        // Ghost entries of f are scratch: writing them avoids a branch in the inner loop.
        f[3 * j] -= dx * fpair;
        f[3 * j + 1] -= dy * fpair;
        f[3 * j + 2] -= dz * fpair;
        if constexpr (kTally) {
          const double share = j < nlocal ? 1.0 : 0.5;
          t.energy += share * 4.0 * sr6 * (sr6 - 1.0);
          t.virial += share * rsq * fpair;
        }
      }
    }
    f[3 * i] += fxi;
    f[3 * i + 1] += fyi;
    f[3 * i + 2] += fzi;
  }
  return t;
}

}  // namespace

PairTally compute_lj_forces(Atoms &atoms, const NeighborList &list, double cutoff, bool tally) {
  return tally ? lj_kernel<true>(atoms, list, cutoff) : lj_kernel<false>(atoms, list, cutoff);
}

}  // namespace minimd
