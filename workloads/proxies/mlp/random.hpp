// Counter-based pseudo-random numbers: a value is a pure function of (seed, stream, index), so
// any rank can produce any sample or weight without a shared generator state, and every rank
// count sees the same numbers.
#pragma once

#include <cstdint>

namespace hpcpat::mlp {

// SplitMix64 finaliser: neighbouring counters give unrelated outputs.
inline std::uint64_t mix64(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Uniform in [-1, 1) for (seed, stream, index).
inline double uniform_pm1(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  const std::uint64_t h = mix64(mix64(mix64(seed) ^ stream) ^ index);
  return static_cast<double>(h >> 11) * 0x1.0p-52 - 1.0;
}

}  // namespace hpcpat::mlp
