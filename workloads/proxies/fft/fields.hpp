// Input fields defined by global index alone, so that every rank count builds the same grid:
// a seeded pseudo-random field (the benchmark input) and a single plane wave (the spot check).
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>

#include "hpcpat/fft/distributed_fft.hpp"

namespace hpcpat::fft {

using Index3 = std::array<std::int64_t, 3>;

// Visits every point a rank holds, in storage order: fn(global index, offset in local storage).
template <class Fn>
void for_each_point(const Layout &layout, Fn &&fn) {
  const int a0 = layout.order[0], a1 = layout.order[1], a2 = layout.order[2];
  Index3 g{};
  std::int64_t offset = 0;
  for (std::int64_t i = 0; i < layout.box.n[a0]; ++i) {
    g[a0] = layout.box.lo[a0] + i;
    for (std::int64_t j = 0; j < layout.box.n[a1]; ++j) {
      g[a1] = layout.box.lo[a1] + j;
      for (std::int64_t k = 0; k < layout.box.n[a2]; ++k) {
        g[a2] = layout.box.lo[a2] + k;
        fn(g, offset++);
      }
    }
  }
}

// SplitMix64: a well-mixed 64-bit hash, so neighbouring indices give unrelated values.
inline std::uint64_t mix64(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Uniform in [-1, 1) from the top 53 bits of a hash.
inline double unit_interval(std::uint64_t h) {
  return static_cast<double>(h >> 11) * 0x1.0p-52 - 1.0;
}

inline Complex seeded_value(std::uint64_t seed, const Shape &shape, const Index3 &g) {
  const std::uint64_t linear =
      static_cast<std::uint64_t>((g[0] * shape.ny + g[1]) * shape.nz + g[2]);
  const std::uint64_t base = mix64(seed) ^ (linear * 2);
  return {unit_interval(mix64(base)), unit_interval(mix64(base + 1))};
}

// exp(+2πi k·x/N): the forward transform (FFTW's e^{-2πi k·x/N}) maps it to N at k, 0 elsewhere.
inline Complex plane_wave(const Shape &shape, const Index3 &k, const Index3 &g) {
  // Reduce each phase exactly in integers before the division, so large grids keep accuracy.
  const double turns =
      static_cast<double>((k[0] * g[0]) % shape.nx) / static_cast<double>(shape.nx) +
      static_cast<double>((k[1] * g[1]) % shape.ny) / static_cast<double>(shape.ny) +
      static_cast<double>((k[2] * g[2]) % shape.nz) / static_cast<double>(shape.nz);
  const double angle = 2.0 * std::numbers::pi * turns;
  return {std::cos(angle), std::sin(angle)};
}

}  // namespace hpcpat::fft
