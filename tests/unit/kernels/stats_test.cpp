#include "hpcpat/kernels/stats.hpp"

#include <gtest/gtest.h>

namespace hpcpat::kernels {
namespace {

TEST(Percentile, LinearInterpolationBetweenClosestRanks) {
  const std::vector<double> v = {4, 1, 3, 2, 5};  // sorted: 1 2 3 4 5
  EXPECT_DOUBLE_EQ(percentile(v, 0), 1.0);
  EXPECT_DOUBLE_EQ(percentile(v, 50), 3.0);
  EXPECT_DOUBLE_EQ(percentile(v, 100), 5.0);
  EXPECT_DOUBLE_EQ(percentile(v, 90), 4.6);  // position 3.6
  EXPECT_DOUBLE_EQ(percentile(v, 25), 2.0);
}

TEST(Percentile, SmallAndEmptyInputs) {
  EXPECT_DOUBLE_EQ(percentile({}, 50), 0.0);
  EXPECT_DOUBLE_EQ(percentile({7}, 99), 7.0);
  EXPECT_DOUBLE_EQ(percentile({1, 2}, 50), 1.5);
}

TEST(Percentile, P99OfAHundredValues) {
  std::vector<double> v;
  for (int i = 1; i <= 100; ++i) v.push_back(i);
  EXPECT_DOUBLE_EQ(percentile(v, 99), 99.01);  // position 98.01
}

TEST(Spread, AvgMinMax) {
  const Spread s = spread_of({2, 8, 5});
  EXPECT_DOUBLE_EQ(s.avg, 5.0);
  EXPECT_DOUBLE_EQ(s.min, 2.0);
  EXPECT_DOUBLE_EQ(s.max, 8.0);
  const Spread e = spread_of({});
  EXPECT_DOUBLE_EQ(e.avg, 0.0);
}

}  // namespace
}  // namespace hpcpat::kernels
