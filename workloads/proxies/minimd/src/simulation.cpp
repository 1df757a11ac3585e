#include "simulation.hpp"

#include <hpcpat/regions.h>

#include "lattice.hpp"

namespace minimd {

Simulation::Simulation(const Params &p, const Domain &dom)
    : p_(p), dom_(dom), comm_(dom, p.cutneigh()), list_(p.cutneigh()) {}

void Simulation::rebuild() {
  {
    hpcpat::Region r("comm");
    comm_.migrate(atoms_);
    comm_.borders(atoms_);
  }
  hpcpat::Region r("neighbor");
  list_.build(atoms_, dom_);
}

PairTally Simulation::forces(bool tally) {
  hpcpat::Region r("force");
  return compute_lj_forces(atoms_, list_, p_.cutoff, tally);
}

ThermoRow Simulation::setup() {
  hpcpat::Region r("setup");
  create_fcc_atoms(p_, dom_, atoms_);
  std::int64_t mine = atoms_.nlocal;
  MPI_Allreduce(&mine, &natoms_, 1, MPI_INT64_T, MPI_SUM, dom_.comm());
  create_velocities(p_, dom_, natoms_, atoms_);
  rebuild();
  const PairTally t = forces(true);
  return compute_thermo(0, atoms_, t, dom_, natoms_);
}

RunStats Simulation::run(std::vector<ThermoRow> &rows, std::FILE *out) {
  RunStats stats;
  const double half_dt = 0.5 * p_.dt;  // mass 1
  MPI_Barrier(dom_.comm());
  const double start = MPI_Wtime();
  for (int step = 1; step <= p_.steps; ++step) {
    {
      hpcpat::Region r("integrate");
      double *x = atoms_.x.data();
      double *v = atoms_.v.data();
      const double *f = atoms_.f.data();
      for (int i = 0; i < 3 * atoms_.nlocal; ++i) {
        v[i] += half_dt * f[i];
        x[i] += p_.dt * v[i];
      }
    }
    if (step % p_.reneigh_every == 0) {
      rebuild();
      ++stats.reneighbours;
    } else {
      hpcpat::Region r("comm");
      comm_.forward(atoms_);
    }
    const bool thermo_step = step % p_.thermo_every == 0 || step == p_.steps;
    const PairTally t = forces(thermo_step);
    {
      hpcpat::Region r("integrate");
      double *v = atoms_.v.data();
      const double *f = atoms_.f.data();
      for (int i = 0; i < 3 * atoms_.nlocal; ++i) v[i] += half_dt * f[i];
    }
    if (thermo_step) {
      hpcpat::Region r("thermo");
      rows.push_back(compute_thermo(step, atoms_, t, dom_, natoms_));
      if (out) print_thermo_row(out, rows.back());
    }
  }
  const double mine = MPI_Wtime() - start;
  MPI_Allreduce(&mine, &stats.loop_seconds, 1, MPI_DOUBLE, MPI_MAX, dom_.comm());
  long long counts[2] = {list_.pairs(), atoms_.nghost};
  MPI_Allreduce(MPI_IN_PLACE, counts, 2, MPI_LONG_LONG, MPI_SUM, dom_.comm());
  stats.pairs_in_lists = counts[0];
  stats.ghosts = counts[1];
  return stats;
}

}  // namespace minimd
