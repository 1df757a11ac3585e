// Seeded draws that give the same numbers on every platform and standard library: the raw
// output of std::mt19937_64 is fixed by the C++ standard, but std::*_distribution are not, so the
// distributions are written here from its 64-bit words.
#pragma once

#include <cstdint>
#include <random>
#include <span>

namespace hpcpat::planner {

class Draws {
 public:
  // One independent stream per (seed, stream): splitmix64 spreads them apart.
  Draws(std::uint64_t seed, std::uint64_t stream);

  double uniform01();                       // [0, 1), 53 bits
  double uniform(double lo, double hi);     // [lo, hi)
  double standard_normal();                 // Box–Muller
  double exponential(double mean);
  std::size_t index(std::size_t n);         // 0 .. n-1
  std::size_t weighted(std::span<const double> weights);  // weights > 0

 private:
  std::mt19937_64 engine_;
};

}  // namespace hpcpat::planner
