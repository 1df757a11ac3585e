// Change points on synthetic series with known steps, and a history built from hand-made runs.
#include "hpcpat/compare/history.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "hpcpat/base/input_error.hpp"

namespace hpcpat::compare {
namespace {

// `count` studies of 3 repeats; from study `step_at` on every value is `step` higher. Each value
// has a jitter of up to ±2% drawn from a fixed linear congruential sequence: stationary within a
// segment, and distinct values (no ties: exact Mann–Whitney).
std::vector<std::vector<double>> step_series(std::size_t step_at, std::size_t count, double step) {
  std::vector<std::vector<double>> groups;
  std::uint32_t state = 12345;
  const auto jitter = [&state] {
    state = state * 1664525u + 1013904223u;
    return 0.04 * (static_cast<double>(state >> 8) / 16777216.0 - 0.5);
  };
  for (std::size_t i = 0; i < count; ++i) {
    const double level = i >= step_at ? 1.0 + step : 1.0;
    groups.push_back({level + jitter(), level + jitter(), level + jitter()});
  }
  return groups;
}

TEST(ChangePoints, FindsAKnownStep) {
  const std::vector<ChangePoint> cps = change_points(step_series(6, 10, 0.3), {});
  ASSERT_EQ(cps.size(), 1u);
  EXPECT_EQ(cps[0].index, 6u);
  ASSERT_TRUE(cps[0].change);
  EXPECT_NEAR(*cps[0].change, 0.3, 0.03);
  EXPECT_LT(cps[0].p * 7, 0.05);  // 7 candidate splits with segments of 2 or more
}

TEST(ChangePoints, FindsTwoStepsAndNoneOnAFlatSeries) {
  auto groups = step_series(4, 12, 0.5);
  for (std::size_t i = 8; i < 12; ++i) {
    for (double &v : groups[i]) v -= 0.8;  // back down below the start: a second step at 8
  }
  const std::vector<ChangePoint> cps = change_points(groups, {});
  ASSERT_EQ(cps.size(), 2u);
  EXPECT_EQ(cps[0].index, 4u);
  EXPECT_EQ(cps[1].index, 8u);
  EXPECT_GT(*cps[0].change, 0);
  EXPECT_LT(*cps[1].change, 0);
  EXPECT_TRUE(change_points(step_series(99, 10, 0.0), {}).empty());
  // Too short to split with segments of 2: no test at all.
  EXPECT_TRUE(change_points(step_series(2, 3, 1.0), {}).empty());
}

TEST(ChangePoints, MinimumSegmentIsKept) {
  ChangePointOptions o;
  o.min_segment = 1;
  const std::vector<ChangePoint> free = change_points(step_series(2, 10, 0.3), o);
  ASSERT_EQ(free.size(), 1u);
  EXPECT_EQ(free[0].index, 2u);
  // A step after the second study cannot be placed with 3 studies per segment.
  o.min_segment = 3;
  for (const ChangePoint &cp : change_points(step_series(2, 10, 0.3), o)) {
    EXPECT_GE(cp.index, 3u);
    EXPECT_LE(cp.index, 7u);
  }
}

runs::RunSample run(const std::string &study, double started, const std::string &case_name,
                    double wall, double fraction) {
  runs::RunSample r;
  r.study = study;
  r.run = study + "-" + std::to_string(wall);
  r.case_name = case_name;
  r.app = "stencil";
  r.ranks = 2;
  r.status = "ok";
  r.wall_s = wall;
  r.mpi_fraction_median = fraction;
  r.started_epoch_s = started;
  return r;
}

TEST(History, OrderedByStudyStartWithMpiFraction) {
  std::vector<runs::RunSample> runs;
  // Study names sort the other way round from their start times.
  const auto groups = step_series(3, 6, 0.4);
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const std::string study = "s" + std::to_string(9 - i);
    for (double v : groups[i]) runs.push_back(run(study, 1000.0 + 10 * i, "stencil", v, 0.25));
    runs.push_back(run(study, 1000.0 + 10 * i - 5, "other", 1, 0.1));  // starts the study
  }
  const History h = build_history(runs, "stencil", Metric::wall, {});
  ASSERT_EQ(h.series.size(), 1u);
  const HistorySeries &s = h.series[0];
  ASSERT_EQ(s.points.size(), 6u);
  EXPECT_EQ(s.points[0].study, "s9");
  EXPECT_DOUBLE_EQ(s.points[0].started_epoch_s, 995.0);
  EXPECT_EQ(s.points[5].study, "s4");
  EXPECT_DOUBLE_EQ(*s.points[0].mpi_fraction, 0.25);
  EXPECT_NEAR(*s.points[0].value, 1.0, 0.02);
  ASSERT_EQ(s.changes.size(), 1u);
  EXPECT_EQ(s.changes[0].index, 3u);
  const nlohmann::json doc = history_json(h);
  EXPECT_EQ(doc["schema"], kHistorySchema);
  EXPECT_EQ(doc["series"][0]["points"][3]["change_point"], true);
  EXPECT_EQ(doc["series"][0]["change_points"][0]["study"], "s6");
  EXPECT_THROW(build_history(runs, "nosuch", Metric::wall, {}), InputError);
}

}  // namespace
}  // namespace hpcpat::compare
