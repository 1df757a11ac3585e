// Least squares against answers worked by hand.
#include "hpcpat/models/least_squares.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace hpcpat::models {
namespace {

TEST(LeastSquares, ExactLineIsRecovered) {
  const std::vector<std::vector<double>> x{{1, 0}, {1, 1}, {1, 2}, {1, 3}};
  const std::vector<double> y{1, 3, 5, 7};  // y = 1 + 2x
  const LinearFit f = least_squares(x, y);
  ASSERT_TRUE(f.ok);
  EXPECT_NEAR(f.coef[0], 1, 1e-12);
  EXPECT_NEAR(f.coef[1], 2, 1e-12);
  EXPECT_NEAR(f.r2, 1, 1e-12);
  EXPECT_EQ(f.dof, 2);
}

TEST(LeastSquares, NoisyLineMatchesTheClosedForm) {
  // y = (0, 1, 1, 3): slope = Sxy/Sxx = 4.5/5 = 0.9, intercept = 1.25 − 0.9·1.5 = −0.1,
  // residuals (0.1, 0.2, −0.7, 0.4): rss = 0.7, σ² = 0.35, se(slope) = √(0.35/5).
  const std::vector<std::vector<double>> x{{1, 0}, {1, 1}, {1, 2}, {1, 3}};
  const std::vector<double> y{0, 1, 1, 3};
  const LinearFit f = least_squares(x, y);
  ASSERT_TRUE(f.ok);
  EXPECT_NEAR(f.coef[1], 0.9, 1e-12);
  EXPECT_NEAR(f.coef[0], -0.1, 1e-12);
  EXPECT_NEAR(f.rss, 0.7, 1e-12);
  ASSERT_EQ(f.std_error.size(), 2u);
  EXPECT_NEAR(f.std_error[1], std::sqrt(0.35 / 5), 1e-12);
  // t(0.975, 2) = 4.302653 (tables)
  EXPECT_NEAR(*ci95_half_width(1.0, 2), 4.302653, 1e-6);
}

TEST(LeastSquares, DependentColumnsAreRefused) {
  const std::vector<std::vector<double>> x{{1, 2}, {2, 4}, {3, 6}};
  const std::vector<double> y{1, 2, 3};
  EXPECT_FALSE(least_squares(x, y).ok);
  EXPECT_FALSE(least_squares(std::vector<std::vector<double>>{{1, 1}}, std::vector<double>{1}).ok);
}

TEST(Median, OddEvenEmpty) {
  EXPECT_EQ(median({3, 1, 2}), 2);
  EXPECT_EQ(median({4, 1, 3, 2}), 2.5);
  EXPECT_EQ(median({}), 0);
}

}  // namespace
}  // namespace hpcpat::models
