#include "hpcpat/kernels/validator.hpp"

#include <vector>

namespace hpcpat::kernels {

void Validator::record(const PatternKey &key, std::size_t offset, std::int64_t expected,
                       std::int64_t got) {
  if (mismatches_++ == 0) {
    first_ = {static_cast<std::int64_t>(key.size),
              static_cast<std::int64_t>(key.iteration),
              key.src,
              static_cast<std::int64_t>(offset),
              expected,
              got};
  }
}

void Validator::check_bytes(std::span<const std::byte> got, const PatternKey &key) {
  std::vector<std::byte> altered;
  if (inject_ && !got.empty()) {
    inject_ = false;
    altered.assign(got.begin(), got.end());
    altered.back() ^= std::byte{0x01};
    got = altered;
  }
  bytes_checked_ += got.size();
  const auto bad = first_mismatch(got, key);
  if (!bad) return;
  // Count every wrong byte so the report says how much was damaged, not only where it started.
  for (std::size_t i = *bad; i < got.size(); ++i) {
    const auto want = pattern_byte(key, i);
    if (static_cast<std::uint8_t>(got[i]) != want) {
      record(key, i, want, static_cast<std::uint8_t>(got[i]));
    }
  }
}

void Validator::check_sum(std::span<const float> got, PatternKey key, int ranks,
                          std::size_t first_element) {
  std::vector<float> altered;
  if (inject_ && !got.empty()) {
    inject_ = false;
    altered.assign(got.begin(), got.end());
    altered.front() += 1.0F;
    got = altered;
  }
  bytes_checked_ += got.size_bytes();
  for (std::size_t i = 0; i < got.size(); ++i) {
    float want = 0.0F;
    for (int r = 0; r < ranks; ++r) {
      key.src = r;
      want += pattern_value(key, first_element + i);
    }
    if (got[i] != want) {
      key.src = -1;
      record(key, first_element + i, static_cast<std::int64_t>(want),
             static_cast<std::int64_t>(got[i]));
    }
  }
}

}  // namespace hpcpat::kernels
