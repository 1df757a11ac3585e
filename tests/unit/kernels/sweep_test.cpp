#include "hpcpat/kernels/sweep.hpp"

#include <gtest/gtest.h>

#include "hpcpat/kernels/kernel_info.hpp"

namespace hpcpat::kernels {
namespace {

TEST(Sweep, PowersOfTwoInclusive) {
  EXPECT_EQ(sweep_sizes(1, 8), (std::vector<std::size_t>{1, 2, 4, 8}));
  EXPECT_EQ(sweep_sizes(4, 4), (std::vector<std::size_t>{4}));
  EXPECT_EQ(sweep_sizes(1, 4U << 20).size(), 23U);  // 1 B ... 4 MiB
  EXPECT_TRUE(sweep_sizes(16, 8).empty());
}

TEST(Sweep, PowerOfTwoCheck) {
  EXPECT_TRUE(is_power_of_two(1));
  EXPECT_TRUE(is_power_of_two(1U << 20));
  EXPECT_FALSE(is_power_of_two(0));
  EXPECT_FALSE(is_power_of_two(1000));
}

TEST(Sweep, OsuIterationCountsAbove8KiB) {
  const SweepConfig lat = osu_defaults(Family::latency);
  EXPECT_EQ(plan_for(lat, 8192).iterations, 10000U);  // 8 KiB is still "small" (size > 8192)
  EXPECT_EQ(plan_for(lat, 8192).warmup, 100U);
  EXPECT_EQ(plan_for(lat, 16384).iterations, 1000U);
  EXPECT_EQ(plan_for(lat, 16384).warmup, 10U);
  const SweepConfig bw = osu_defaults(Family::bandwidth);
  EXPECT_EQ(plan_for(bw, 1).iterations, 100U);
  EXPECT_EQ(plan_for(bw, 1 << 20).iterations, 20U);
  EXPECT_EQ(plan_for(bw, 1 << 20).warmup, 2U);
  const SweepConfig coll = osu_defaults(Family::collective);
  EXPECT_EQ(plan_for(coll, 8).iterations, 1000U);
  EXPECT_EQ(plan_for(coll, 8).warmup, 100U);
  EXPECT_EQ(plan_for(coll, 1 << 20).iterations, 100U);
  EXPECT_EQ(plan_for(coll, 1 << 20).warmup, 10U);
}

}  // namespace
}  // namespace hpcpat::kernels
