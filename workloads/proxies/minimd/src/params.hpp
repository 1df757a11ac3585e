// Physical and numerical parameters of the Lennard-Jones problem (LAMMPS lj units: epsilon = sigma
// = mass = k_B = 1). Defaults are those of LAMMPS's bench/in.lj.
#pragma once

#include <cstdint>

namespace minimd {

struct Params {
  int size = 20;               // fcc unit cells per side of the cubic box (4 * size^3 atoms)
  int steps = 100;             // timesteps to run (runtime is linear in it)
  int thermo_every = 20;       // thermo output every this many steps (plus step 0 and the last)
  int reneigh_every = 20;      // neighbour list rebuilt (and atoms migrated) every this many steps
  std::uint64_t seed = 87287;  // velocity seed (LAMMPS in.lj uses 87287 with "loop geom")
  double density = 0.8442;     // reduced density rho*, sets the fcc lattice constant (4/rho)^(1/3)
  double temperature = 1.44;   // initial temperature
  double dt = 0.005;           // timestep in tau
  double cutoff = 2.5;         // LJ force cut-off in sigma (no shift, no tail correction)
  double skin = 0.3;           // neighbour skin; ghosts and lists reach cutoff + skin

  double cutneigh() const { return cutoff + skin; }
};

}  // namespace minimd
