// The --validate data: every buffer a rank sends is filled with bytes that depend on the sender,
// the receiver, the iteration, the message size and the byte offset, so a message that arrives
// from the wrong peer, from another iteration, truncated or shifted cannot pass the check.
// Reductions use small integers stored in floats, whose sums stay exact (below 2^24).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace hpcpat::kernels {

struct PatternKey {
  int src = 0;  // world rank of the sender (or contributor)
  int dst = 0;  // world rank of the receiver; -1 when every receiver gets the same data
  std::uint64_t iteration = 0;
  std::size_t size = 0;  // the message size of the sweep step
};

std::uint8_t pattern_byte(const PatternKey &key, std::size_t offset);

void fill_bytes(std::span<std::byte> buffer, const PatternKey &key);

// Offset of the first byte that differs from the pattern, if any.
std::optional<std::size_t> first_mismatch(std::span<const std::byte> buffer, const PatternKey &key);

// Reduction operands: element i of contributor `key.src` is a small integer in [0, 63].
float pattern_value(const PatternKey &key, std::size_t element);

void fill_values(std::span<float> values, const PatternKey &key);

}  // namespace hpcpat::kernels
