#include "thermo.hpp"

#include <algorithm>
#include <cmath>

namespace minimd {

ThermoRow compute_thermo(int step, const Atoms &atoms, const PairTally &tally, const Domain &dom,
                         std::int64_t natoms) {
  double sums[3] = {0, tally.energy, tally.virial};
  for (int i = 0; i < 3 * atoms.nlocal; ++i) sums[0] += atoms.v[i] * atoms.v[i];
  MPI_Allreduce(MPI_IN_PLACE, sums, 3, MPI_DOUBLE, MPI_SUM, dom.comm());
  const double n = static_cast<double>(natoms);
  const double dof = 3.0 * n - 3.0;
  ThermoRow row;
  row.step = step;
  row.temperature = sums[0] / dof;
  row.pe_per_atom = sums[1] / n;
  row.etotal_per_atom = (sums[1] + 0.5 * sums[0]) / n;
  row.pressure = (dof * row.temperature + sums[2]) / (3.0 * dom.volume());
  return row;
}

void print_thermo_header(std::FILE *out) {
  std::fprintf(out, "%8s %14s %14s %14s %14s\n", "Step", "Temp", "E_pair", "TotEng", "Press");
}

void print_thermo_row(std::FILE *out, const ThermoRow &row) {
  std::fprintf(out, "%8d %14.8g %14.8g %14.8g %14.8g\n", row.step, row.temperature, row.pe_per_atom,
               row.etotal_per_atom, row.pressure);
  std::fflush(out);
}

Conserved compute_conserved(const Atoms &atoms, const Domain &dom) {
  double sums[4] = {0, 0, 0, static_cast<double>(atoms.nlocal)};
  for (int i = 0; i < atoms.nlocal; ++i)
    for (int c = 0; c < 3; ++c) sums[c] += atoms.v[3 * i + c];
  MPI_Allreduce(MPI_IN_PLACE, sums, 4, MPI_DOUBLE, MPI_SUM, dom.comm());
  Conserved c;
  c.natoms = static_cast<std::int64_t>(sums[3]);
  c.momentum_per_atom =
      std::sqrt(sums[0] * sums[0] + sums[1] * sums[1] + sums[2] * sums[2]) / std::max(1.0, sums[3]);
  return c;
}

}  // namespace minimd
