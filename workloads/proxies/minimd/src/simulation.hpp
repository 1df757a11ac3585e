// The MD driver: setup (lattice, velocities, ghosts, list, step-0 forces) and the velocity Verlet
// NVE loop in LAMMPS's order per step: first half-kick + drift; every `reneigh_every` steps migrate
// + rebuild ghosts + rebuild list, otherwise refresh ghost positions; forces; second half-kick;
// thermo output.
#pragma once

#include <cstdint>
#include <vector>

#include "atoms.hpp"
#include "domain.hpp"
#include "ghost_comm.hpp"
#include "neighbor.hpp"
#include "params.hpp"
#include "thermo.hpp"

namespace minimd {

struct RunStats {
  double loop_seconds = 0;  // wall time of the step loop, max over ranks
  long long reneighbours = 0;
  long long pairs_in_lists = 0;  // sum over ranks at the last rebuild
  long long ghosts = 0;          // sum over ranks at the last rebuild
};

class Simulation {
 public:
  // `dom` must have sub-domains at least cutneigh wide (the caller refuses other sizes).
  Simulation(const Params &p, const Domain &dom);

  std::int64_t natoms() const { return natoms_; }
  const Atoms &atoms() const { return atoms_; }

  // Builds the initial state and returns the step-0 thermo row. Collective.
  ThermoRow setup();

  // Runs p.steps steps; thermo rows (every p.thermo_every steps and the last step) are appended
  // to `rows` and printed by rank 0 when `out` is not null. Collective.
  RunStats run(std::vector<ThermoRow> &rows, std::FILE *out);

 private:
  void rebuild();
  PairTally forces(bool tally);

  Params p_;
  const Domain &dom_;
  Atoms atoms_;
  GhostComm comm_;
  NeighborList list_;
  std::int64_t natoms_ = 0;
};

}  // namespace minimd
