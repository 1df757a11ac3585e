#include "hpcpat/kernels/data_pattern.hpp"

namespace hpcpat::kernels {
namespace {

// SplitMix64's finalizer: a cheap, well-mixed hash of the key and the 8-byte word index.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t key_seed(const PatternKey &key) {
  std::uint64_t h = mix(static_cast<std::uint64_t>(key.src) + 1);
  h = mix(h ^ static_cast<std::uint64_t>(static_cast<std::int64_t>(key.dst) + 2));
  h = mix(h ^ key.iteration);
  return mix(h ^ key.size);
}

}  // namespace

std::uint8_t pattern_byte(const PatternKey &key, std::size_t offset) {
  const std::uint64_t word = mix(key_seed(key) ^ (offset / 8));
  return static_cast<std::uint8_t>(word >> (8 * (offset % 8)));
}

void fill_bytes(std::span<std::byte> buffer, const PatternKey &key) {
  const std::uint64_t seed = key_seed(key);
  for (std::size_t i = 0; i < buffer.size(); ++i) {
    const std::uint64_t word = mix(seed ^ (i / 8));
    buffer[i] = static_cast<std::byte>(word >> (8 * (i % 8)));
  }
}

std::optional<std::size_t> first_mismatch(std::span<const std::byte> buffer,
                                          const PatternKey &key) {
  const std::uint64_t seed = key_seed(key);
  for (std::size_t i = 0; i < buffer.size(); ++i) {
    const std::uint64_t word = mix(seed ^ (i / 8));
    if (buffer[i] != static_cast<std::byte>(word >> (8 * (i % 8)))) return i;
  }
  return std::nullopt;
}

float pattern_value(const PatternKey &key, std::size_t element) {
  return static_cast<float>(mix(key_seed(key) ^ element) & 63U);
}

void fill_values(std::span<float> values, const PatternKey &key) {
  const std::uint64_t seed = key_seed(key);
  for (std::size_t i = 0; i < values.size(); ++i) {
    values[i] = static_cast<float>(mix(seed ^ i) & 63U);
  }
}

}  // namespace hpcpat::kernels
