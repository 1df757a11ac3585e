// --validate bookkeeping for one rank: how many received bytes were checked, how many were wrong,
// and where the first wrong one was (reported on stderr and in the JSON, exit status 1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "hpcpat/kernels/data_pattern.hpp"

namespace hpcpat::kernels {

struct Mismatch {
  std::int64_t size = -1;  // sweep size; -1 when there was none
  std::int64_t iteration = -1;
  std::int64_t src = -1;     // the rank whose data was expected
  std::int64_t offset = -1;  // byte offset (bytes) or element index (reductions)
  std::int64_t expected = -1;
  std::int64_t got = -1;
};

class Validator {
 public:
  explicit Validator(bool enabled) : enabled_(enabled) {}
  bool enabled() const { return enabled_; }

  // Test hook (--inject-error-for-test): the next check sees its last byte (or first element)
  // altered, so the detection, the report and the exit status can be tested end to end.
  void inject_error_once() { inject_ = true; }

  // Checks a received byte block against the pattern of `key`.
  void check_bytes(std::span<const std::byte> got, const PatternKey &key);

  // Checks reduced floats: element i must equal the sum of pattern_value over contributors
  // 0..ranks-1 (key.src is ignored), at element offset `first_element` of the full vector.
  void check_sum(std::span<const float> got, PatternKey key, int ranks, std::size_t first_element);

  std::uint64_t bytes_checked() const { return bytes_checked_; }
  std::uint64_t mismatches() const { return mismatches_; }
  const Mismatch &first() const { return first_; }

 private:
  void record(const PatternKey &key, std::size_t offset, std::int64_t expected, std::int64_t got);

  bool enabled_;
  bool inject_ = false;
  std::uint64_t bytes_checked_ = 0;
  std::uint64_t mismatches_ = 0;
  Mismatch first_{};
};

}  // namespace hpcpat::kernels
