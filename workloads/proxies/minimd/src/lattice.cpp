#include "lattice.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace minimd {

namespace {

constexpr std::array<std::array<double, 3>, 4> kFccBasis = {
    {{0.0, 0.0, 0.0}, {0.5, 0.5, 0.0}, {0.5, 0.0, 0.5}, {0.0, 0.5, 0.5}}};

// splitmix64: a well-mixed 64-bit hash, so neighbouring ids get unrelated velocities.
std::uint64_t mix(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double uniform_from(std::uint64_t seed, std::int64_t id, int component) {
  const std::uint64_t h = mix(mix(seed) ^ mix(3 * static_cast<std::uint64_t>(id) + component));
  return static_cast<double>(h >> 11) * 0x1.0p-53 - 0.5;  // 53 random bits in [-0.5, 0.5)
}

}  // namespace

double fcc_lattice_constant(double density) {
  return std::cbrt(4.0 / density);
}

void create_fcc_atoms(const Params &p, const Domain &dom, Atoms &atoms) {
  const double a = fcc_lattice_constant(p.density);
  const int n = p.size;
  // Only unit cells that can hold sites of this brick are visited: cell index range per dimension.
  std::array<int, 3> first{}, last{};
  for (int d = 0; d < 3; ++d) {
    first[d] = std::max(0, static_cast<int>(std::floor(dom.lo(d) / a)) - 1);
    last[d] = std::min(n - 1, static_cast<int>(std::ceil(dom.hi(d) / a)) + 1);
  }
  const double zero[3] = {0, 0, 0};
  for (int k = first[2]; k <= last[2]; ++k)
    for (int j = first[1]; j <= last[1]; ++j)
      for (int i = first[0]; i <= last[0]; ++i)
        for (int b = 0; b < 4; ++b) {
          const double pos[3] = {(i + kFccBasis[b][0]) * a, (j + kFccBasis[b][1]) * a,
                                 (k + kFccBasis[b][2]) * a};
          bool mine = true;
          for (int d = 0; d < 3; ++d) mine = mine && dom.owner_coord(d, pos[d]) == dom.coords()[d];
          if (!mine) continue;
          const std::int64_t gid = ((static_cast<std::int64_t>(k) * n + j) * n + i) * 4 + b;
          atoms.add_local(pos, zero, gid);
        }
}

void create_velocities(const Params &p, const Domain &dom, std::int64_t natoms, Atoms &atoms) {
  double momentum[3] = {0, 0, 0};
  for (int i = 0; i < atoms.nlocal; ++i)
    for (int c = 0; c < 3; ++c) {
      atoms.v[3 * i + c] = uniform_from(p.seed, atoms.id[i], c);
      momentum[c] += atoms.v[3 * i + c];
    }
  MPI_Allreduce(MPI_IN_PLACE, momentum, 3, MPI_DOUBLE, MPI_SUM, dom.comm());
  double twice_ke = 0;
  for (int i = 0; i < atoms.nlocal; ++i)
    for (int c = 0; c < 3; ++c) {
      atoms.v[3 * i + c] -= momentum[c] / static_cast<double>(natoms);
      twice_ke += atoms.v[3 * i + c] * atoms.v[3 * i + c];
    }
  MPI_Allreduce(MPI_IN_PLACE, &twice_ke, 1, MPI_DOUBLE, MPI_SUM, dom.comm());
  const double dof = 3.0 * static_cast<double>(natoms) - 3.0;
  const double scale = std::sqrt(p.temperature / (twice_ke / dof));
  for (double &vc : atoms.v) vc *= scale;
}

}  // namespace minimd
