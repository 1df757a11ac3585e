// Thermodynamic output in LAMMPS lj units with "thermo_modify norm yes" (the lj default): energies
// per atom; temperature over 3N - 3 degrees of freedom (total momentum removed at creation);
// pressure = (dof * T + sum r.F) / (3 V), i.e. LAMMPS's compute pressure without tail correction.
#pragma once

#include <cstdint>
#include <cstdio>

#include "atoms.hpp"
#include "domain.hpp"
#include "lj_force.hpp"

namespace minimd {

struct ThermoRow {
  int step = 0;
  double temperature = 0;
  double pe_per_atom = 0;
  double etotal_per_atom = 0;
  double pressure = 0;
};

// Collective: one allreduce of kinetic energy, pair energy and virial.
ThermoRow compute_thermo(int step, const Atoms &atoms, const PairTally &tally, const Domain &dom,
                         std::int64_t natoms);

void print_thermo_header(std::FILE *out);
void print_thermo_row(std::FILE *out, const ThermoRow &row);

// Global conserved quantities, for the self-checks. Collective.
struct Conserved {
  std::int64_t natoms = 0;
  double momentum_per_atom = 0;  // |sum of m v| / N
};
Conserved compute_conserved(const Atoms &atoms, const Domain &dom);

}  // namespace minimd
