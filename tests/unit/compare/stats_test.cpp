// The statistics against values known independently of this code.
#include "hpcpat/compare/stats.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace hpcpat::compare {
namespace {

// R's ?wilcox.test two-sample example (Hollander & Wolfe 1973, p. 69f: permeability constants of
// the human chorioamnion): wilcox.test(x, y, alternative = "g") prints W = 35, p-value = 0.1272.
// Two-sided is twice that; enumerating all C(15,5) = 3003 rank sets gives 0.2544122544.
TEST(MannWhitney, HollanderWolfeExampleExact) {
  const std::vector<double> x = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
  const std::vector<double> y = {1.15, 0.88, 0.90, 0.74, 1.21};
  const MannWhitney r = mann_whitney(x, y);
  EXPECT_TRUE(r.exact);
  EXPECT_DOUBLE_EQ(r.u, 35.0);
  EXPECT_NEAR(r.p, 0.2544122544, 1e-9);
  EXPECT_NEAR(r.p / 2, 0.1272, 5e-5);  // R's printed one-sided value
  // Swapping the samples gives U' = n1 n2 - U and the same two-sided p.
  const MannWhitney s = mann_whitney(y, x);
  EXPECT_DOUBLE_EQ(s.u, 50.0 - 35.0);
  EXPECT_NEAR(s.p, r.p, 1e-12);
}

// Complete separation at 4 against 4: exactly one of C(8,4) = 70 arrangements is as extreme per
// side, p = 2/70; and the same number is the smallest p these sizes allow.
TEST(MannWhitney, SeparatedSamplesAndSmallestP) {
  const std::vector<double> low = {1, 2, 3, 4}, high = {5, 6, 7, 8};
  EXPECT_NEAR(mann_whitney(high, low).p, 2.0 / 70, 1e-12);
  EXPECT_DOUBLE_EQ(mann_whitney(high, low).u, 16);
  EXPECT_NEAR(mann_whitney_min_p(4, 4), 2.0 / 70, 1e-12);
  EXPECT_NEAR(mann_whitney_min_p(3, 3), 0.1, 1e-12);  // 3 vs 3 can never reach 0.05
  EXPECT_NEAR(mann_whitney_min_p(10, 5), 2.0 / 3003, 1e-12);
}

// Ties: the normal approximation with the tie-corrected variance and continuity correction
// (R's wilcox.test(x, y, exact = FALSE, correct = TRUE)); the expected values were computed by
// hand from that formula with Python's math.erfc: U = 41, z = 1.45703876, p = 0.14510568.
TEST(MannWhitney, TiesUseTheCorrectedNormalApproximation) {
  const std::vector<double> x = {1.1, 2.0, 2.0, 3.5, 4.0, 4.0, 5.2, 6.0};
  const std::vector<double> y = {0.5, 1.1, 2.0, 2.5, 3.0, 3.0, 3.5};
  const MannWhitney r = mann_whitney(x, y);
  EXPECT_FALSE(r.exact);
  EXPECT_DOUBLE_EQ(r.u, 41.0);
  EXPECT_NEAR(r.p, 0.14510568048515, 1e-10);
}

TEST(MannWhitney, LargeSamplesAndDegenerateInputs) {
  std::vector<double> x, y;
  for (int i = 0; i < 60; ++i) {
    x.push_back(i);
    y.push_back(i + 0.5);
  }
  EXPECT_FALSE(mann_whitney(x, y).exact);  // 50 or more values: normal approximation
  EXPECT_GT(mann_whitney(x, y).p, 0.5);
  EXPECT_DOUBLE_EQ(mann_whitney({}, y).p, 1.0);
  const std::vector<double> same = {2, 2, 2};
  EXPECT_DOUBLE_EQ(mann_whitney(same, same).p, 1.0);  // all tied: no evidence
}

// R's ?t.test example on the sleep data (Student 1908; R's `sleep`):
// t.test(extra ~ group, data = sleep) prints t = -1.8608, df = 17.776, p-value = 0.07939.
TEST(Welch, SleepDataAsInR) {
  const std::vector<double> g1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
  const std::vector<double> g2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
  const Welch w = welch_t(g1, g2);
  ASSERT_TRUE(w.defined);
  EXPECT_NEAR(w.t, -1.8608, 5e-5);
  EXPECT_NEAR(w.df, 17.776, 5e-4);
  EXPECT_NEAR(w.p, 0.07939, 5e-6);
}

TEST(Welch, DegenerateInputs) {
  EXPECT_FALSE(welch_t(std::vector<double>{1}, std::vector<double>{1, 2}).defined);
  const std::vector<double> a = {3, 3, 3}, b = {4, 4, 4};
  EXPECT_DOUBLE_EQ(welch_t(a, a).p, 1.0);
  EXPECT_DOUBLE_EQ(welch_t(b, a).p, 0.0);
  EXPECT_GT(welch_t(b, a).t, 0);
}

TEST(Median, OddEvenAndUnsorted) {
  EXPECT_DOUBLE_EQ(median(std::vector<double>{3, 1, 2}), 2);
  EXPECT_DOUBLE_EQ(median(std::vector<double>{4, 1, 3, 2}), 2.5);
}

// The bootstrap is a pure function of its inputs and seed.
TEST(Bootstrap, FixedSeedIsDeterministic) {
  const std::vector<double> base = {1.00, 1.02, 0.98, 1.01, 0.99, 1.03};
  const std::vector<double> next = {1.10, 1.12, 1.09, 1.11, 1.13, 1.08};
  const Interval a = bootstrap_relative_change(base, next, 0.95, 2000, 42);
  const Interval b = bootstrap_relative_change(base, next, 0.95, 2000, 42);
  const Interval c = bootstrap_relative_change(base, next, 0.95, 2000, 43);
  ASSERT_TRUE(a.valid);
  EXPECT_EQ(a.low, b.low);
  EXPECT_EQ(a.high, b.high);
  EXPECT_TRUE(a.low != c.low || a.high != c.high);
  // Every resampled ratio lies between min(next)/max(base) - 1 and max(next)/min(base) - 1, and
  // the point estimate (1.105 / 1.005 - 1 = 9.95%) inside the interval.
  EXPECT_GE(a.low, 1.08 / 1.03 - 1);
  EXPECT_LE(a.high, 1.13 / 0.98 - 1);
  EXPECT_LT(a.low, 1.105 / 1.005 - 1);
  EXPECT_GT(a.high, 1.105 / 1.005 - 1);
}

TEST(Bootstrap, ExactShiftHasAPointInterval) {
  const std::vector<double> base = {2, 2, 2}, next = {3, 3, 3};
  const Interval r = bootstrap_relative_change(base, next, 0.9, 500, 1);
  ASSERT_TRUE(r.valid);
  EXPECT_DOUBLE_EQ(r.low, 0.5);
  EXPECT_DOUBLE_EQ(r.high, 0.5);
  EXPECT_FALSE(bootstrap_relative_change(std::vector<double>{0, 0}, next, 0.9, 500, 1).valid);
}

}  // namespace
}  // namespace hpcpat::compare
