// Lennard-Jones 12-6 forces (epsilon = sigma = 1, plain cut-off at rc, no energy shift and no tail
// correction, as LAMMPS's pair_style lj/cut) over the half neighbour list of neighbor.hpp.
#pragma once

#include "atoms.hpp"
#include "neighbor.hpp"

namespace minimd {

struct PairTally {
  double energy = 0;  // sum of pair energies owned by this rank (owned-ghost pairs count half)
  double virial = 0;  // sum of r . F over the same pairs
};

// Overwrites atoms.f. With tally == true also sums energy and virial (thermo steps only: the plain
// loop is the hot path).
PairTally compute_lj_forces(Atoms &atoms, const NeighborList &list, double cutoff, bool tally);

}  // namespace minimd
