// The --validate pattern must tell apart every way a message can go wrong: another sender,
// receiver, iteration or size, a single flipped bit, a shift.
#include "hpcpat/kernels/data_pattern.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "hpcpat/kernels/validator.hpp"

namespace hpcpat::kernels {
namespace {

std::vector<std::byte> filled(const PatternKey &key, std::size_t n) {
  std::vector<std::byte> v(n);
  fill_bytes(v, key);
  return v;
}

TEST(DataPattern, FillMatchesItsOwnCheck) {
  const PatternKey key{1, 2, 7, 100};
  const auto v = filled(key, 100);
  EXPECT_FALSE(first_mismatch(v, key).has_value());
  for (std::size_t i = 0; i < v.size(); ++i) {
    EXPECT_EQ(static_cast<std::uint8_t>(v[i]), pattern_byte(key, i));
  }
}

TEST(DataPattern, EveryKeyFieldChangesTheData) {
  const PatternKey key{1, 2, 7, 64};
  const auto v = filled(key, 64);
  for (const PatternKey other :
       {PatternKey{0, 2, 7, 64}, PatternKey{1, 3, 7, 64}, PatternKey{1, -1, 7, 64},
        PatternKey{1, 2, 8, 64}, PatternKey{1, 2, 7, 128}}) {
    EXPECT_TRUE(first_mismatch(v, other).has_value());
  }
}

TEST(DataPattern, FindsOneFlippedBitAndItsOffset) {
  const PatternKey key{3, 0, 1, 4096};
  auto v = filled(key, 4096);
  v[2049] ^= std::byte{0x10};
  EXPECT_EQ(first_mismatch(v, key), 2049U);
}

TEST(DataPattern, FindsAShiftedMessage) {
  const PatternKey key{0, 1, 0, 256};
  const auto v = filled(key, 257);
  const std::vector<std::byte> shifted(v.begin() + 1, v.end());
  EXPECT_TRUE(first_mismatch(shifted, key).has_value());
}

TEST(DataPattern, ReductionOperandsAreSmallIntegers) {
  std::vector<float> v(1000);
  fill_values(v, {5, -1, 3, 4000});
  for (std::size_t i = 0; i < v.size(); ++i) {
    EXPECT_EQ(v[i], pattern_value({5, -1, 3, 4000}, i));
    EXPECT_GE(v[i], 0.0F);
    EXPECT_LE(v[i], 63.0F);
    EXPECT_EQ(v[i], static_cast<float>(static_cast<int>(v[i])));
  }
}

TEST(Validator, CountsWrongBytesAndKeepsTheFirst) {
  Validator val(true);
  const PatternKey key{2, 0, 9, 32};
  auto v = filled(key, 32);
  val.check_bytes(v, key);
  EXPECT_EQ(val.mismatches(), 0U);
  v[5] ^= std::byte{1};
  v[30] ^= std::byte{1};
  val.check_bytes(v, key);
  EXPECT_EQ(val.bytes_checked(), 64U);
  EXPECT_EQ(val.mismatches(), 2U);
  EXPECT_EQ(val.first().offset, 5);
  EXPECT_EQ(val.first().src, 2);
  EXPECT_EQ(val.first().iteration, 9);
  EXPECT_EQ(val.first().size, 32);
}

TEST(Validator, ChecksReducedSumsExactly) {
  constexpr int kRanks = 3;
  constexpr std::size_t kN = 16;
  std::vector<float> sum(kN, 0.0F);
  for (int r = 0; r < kRanks; ++r) {
    std::vector<float> mine(kN);
    fill_values(mine, {r, -1, 4, 64});
    for (std::size_t i = 0; i < kN; ++i) sum[i] += mine[i];
  }
  Validator val(true);
  val.check_sum(sum, {0, -1, 4, 64}, kRanks, 0);
  EXPECT_EQ(val.mismatches(), 0U);
  // The tail of the vector, as one rank of reduce_scatter sees it.
  val.check_sum(std::span<const float>(sum).subspan(10), {0, -1, 4, 64}, kRanks, 10);
  EXPECT_EQ(val.mismatches(), 0U);
  sum[3] += 1.0F;
  val.check_sum(sum, {0, -1, 4, 64}, kRanks, 0);
  EXPECT_EQ(val.mismatches(), 1U);
  EXPECT_EQ(val.first().offset, 3);
}

TEST(Validator, InjectedErrorIsFoundOnce) {
  Validator val(true);
  const PatternKey key{0, 1, 0, 8};
  const auto v = filled(key, 8);
  val.inject_error_once();
  val.check_bytes(v, key);
  val.check_bytes(v, key);
  EXPECT_EQ(val.mismatches(), 1U);
  EXPECT_EQ(val.first().offset, 7);
}

}  // namespace
}  // namespace hpcpat::kernels
