// Binned Verlet neighbour list, "half list, Newton's third law between owned atoms only" (LAMMPS's
// half/bin/newtoff): pair (i, j) is listed once, on i, when j > i. Every ghost index is above every
// owned index, so owned-ghost pairs are listed on the owned atom of each rank that owns one end;
// the force loop then updates owned atoms only for those pairs and counts half of their energy.
// This needs no reverse communication of ghost forces and no geometric tie-breaking.
#pragma once

#include <vector>

#include "atoms.hpp"
#include "domain.hpp"

namespace minimd {

class NeighborList {
 public:
  // cutneigh = force cut-off + skin; bins are about cutneigh/2 wide (as LAMMPS's default).
  explicit NeighborList(double cutneigh) : cutneigh_(cutneigh) {}

  // Rebuilds the list for the owned atoms of `atoms` (ghosts must be current).
  void build(const Atoms &atoms, const Domain &dom);

  // Neighbours of owned atom i: indices[offsets[i] .. offsets[i+1]).
  const std::vector<int> &offsets() const { return offsets_; }
  const std::vector<int> &indices() const { return indices_; }
  long long pairs() const { return static_cast<long long>(indices_.size()); }

 private:
  void setup_bins(const Domain &dom);
  int bin_of(const double *x) const;

  double cutneigh_;
  std::array<double, 3> origin_{}, inv_binsize_{};
  std::array<int, 3> nbins_{};
  std::vector<int> stencil_;  // bin index offsets within reach
  std::vector<int> bin_start_, bin_atoms_, atom_bin_;
  std::vector<int> offsets_, indices_;
};

}  // namespace minimd
