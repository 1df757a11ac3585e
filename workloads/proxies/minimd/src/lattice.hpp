// Initial state: an fcc lattice filling the box (as LAMMPS's "lattice fcc rho; create_atoms"), and
// velocities drawn from a hash of each atom's global lattice id, so that they do not depend on
// which rank creates the atom (the role of LAMMPS's "velocity ... loop geom").
#pragma once

#include "atoms.hpp"
#include "domain.hpp"
#include "params.hpp"

namespace minimd {

// Lattice constant of the fcc lattice at reduced density rho: 4 atoms per cubic cell.
double fcc_lattice_constant(double density);

// Creates the atoms whose lattice sites fall in this rank's brick. Collective (no communication
// needed: every rank enumerates the same sites and keeps its own).
void create_fcc_atoms(const Params &p, const Domain &dom, Atoms &atoms);

// Uniform velocities in [-0.5, 0.5) per component from the hashed id, then zero total momentum and
// scale to exactly p.temperature with 3N - 3 degrees of freedom (LAMMPS's default). Collective.
void create_velocities(const Params &p, const Domain &dom, std::int64_t natoms, Atoms &atoms);

}  // namespace minimd
