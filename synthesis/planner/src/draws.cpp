#include "draws.hpp"

#include <cmath>
#include <numbers>

namespace hpcpat::planner {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

Draws::Draws(std::uint64_t seed, std::uint64_t stream)
    : engine_(splitmix64(seed ^ splitmix64(stream + 1))) {}

double Draws::uniform01() {
  return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

double Draws::uniform(double lo, double hi) {
  return lo + (hi - lo) * uniform01();
}

double Draws::standard_normal() {
  const double u1 = 1.0 - uniform01();  // (0, 1]: log(u1) is finite
  const double u2 = uniform01();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double Draws::exponential(double mean) {
  return -mean * std::log(1.0 - uniform01());
}

std::size_t Draws::index(std::size_t n) {
  const auto i = static_cast<std::size_t>(uniform01() * static_cast<double>(n));
  return i < n ? i : n - 1;
}

std::size_t Draws::weighted(std::span<const double> weights) {
  double total = 0;
  for (const double w : weights) total += w;
  double x = uniform01() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  return weights.size() - 1;
}

}  // namespace hpcpat::planner
