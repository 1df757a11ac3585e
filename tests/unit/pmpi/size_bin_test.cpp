#include <gtest/gtest.h>

#include "tables.hpp"

namespace hpcpat::pmpi {
namespace {

// profile.v1: bin 0 holds 0 bytes; bin b >= 1 holds [2^(b-1), 2^b - 1].
TEST(SizeBin, MatchesTheProfileContract) {
  EXPECT_EQ(size_bin(0), 0);
  EXPECT_EQ(size_bin(1), 1);
  for (int b = 2; b < kSizeBins - 1; ++b) {
    const std::uint64_t lo = 1ull << (b - 1), hi = (1ull << b) - 1;
    EXPECT_EQ(size_bin(lo), b);
    EXPECT_EQ(size_bin(hi), b);
    EXPECT_EQ(size_bin(lo - 1), b - 1);
  }
  EXPECT_EQ(size_bin(~0ull), kSizeBins - 1);  // clamped into the last bin
}

}  // namespace
}  // namespace hpcpat::pmpi
