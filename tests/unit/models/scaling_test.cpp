// Scaling against exact Amdahl curves and hand-made series.
#include "hpcpat/models/scaling.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "hpcpat/models/models_json.hpp"
#include "samples.hpp"

namespace hpcpat::models {
namespace {

using test::sample;

// T(N) = T1·(s + (1 − s)/N), s = 0.1, T1 = 100 s.
double amdahl(int n) {
  return 100.0 * (0.1 + 0.9 / n);
}

TEST(Scaling, ExactAmdahlCurveGivesItsSerialFractionAndKarpFlatt) {
  std::vector<runs::RunSample> runs;
  for (int n : {1, 2, 4, 8, 16}) runs.push_back(sample("c", n, amdahl(n)));
  const ScalingReport r = analyse_scaling(runs);
  ASSERT_EQ(r.cases.size(), 1u);
  const CaseScaling &c = r.cases[0];
  ASSERT_TRUE(c.amdahl);
  EXPECT_NEAR(c.amdahl->serial_fraction, 0.1, 1e-9);
  EXPECT_NEAR(c.amdahl->t1_s, 100.0, 1e-9);
  EXPECT_NEAR(c.amdahl->r2, 1.0, 1e-12);
  EXPECT_EQ(c.baseline_nodes, 1);
  ASSERT_EQ(c.points.size(), 5u);
  EXPECT_FALSE(c.points[0].karp_flatt);
  for (std::size_t i = 1; i < c.points.size(); ++i) {
    const ScalingPoint &p = c.points[i];
    ASSERT_TRUE(p.karp_flatt);
    EXPECT_NEAR(*p.karp_flatt, 0.1, 1e-12) << p.nodes;
    EXPECT_NEAR(p.speedup, 1.0 / (0.1 + 0.9 / p.nodes), 1e-12);
    EXPECT_NEAR(p.efficiency, p.speedup / p.nodes, 1e-12);
    EXPECT_NEAR(*p.amdahl_residual_s, 0, 1e-9);
  }
}

TEST(Scaling, EfficiencyThresholdCrossingIsTheFirstNodeCountBelow) {
  // Efficiencies with s = 0.1: 2 → 0.909, 4 → 0.769, 8 → 0.588, 16 → 0.410, 32 → 0.258.
  std::vector<runs::RunSample> runs;
  for (int n : {1, 2, 4, 8, 16, 32}) runs.push_back(sample("c", n, amdahl(n)));
  EXPECT_EQ(analyse_scaling(runs).cases[0].efficiency_below_at, 16);
  EXPECT_EQ(analyse_scaling(runs, {.efficiency_threshold = 0.8}).cases[0].efficiency_below_at, 4);
  EXPECT_FALSE(analyse_scaling(runs, {.efficiency_threshold = 0.2}).cases[0].efficiency_below_at);
}

TEST(Scaling, RepeatsReduceByMedianAndFailedRunsAreLeftOut) {
  std::vector<runs::RunSample> runs{sample("c", 1, 10, 0), sample("c", 1, 12, 1),
                                    sample("c", 1, 100, 2), sample("c", 2, 6, 0),
                                    sample("c", 2, 1, 1)};
  runs[0].mpi_fraction_median = 0.1;
  runs[1].mpi_fraction_median = 0.3;
  runs[2].mpi_fraction_median = 0.2;
  runs[4].status = "crashed";
  const CaseScaling c = analyse_scaling(runs).cases[0];
  ASSERT_EQ(c.points.size(), 2u);
  EXPECT_EQ(c.points[0].repeats, 3);
  EXPECT_EQ(c.points[0].wall_s, 12);
  EXPECT_EQ(*c.points[0].mpi_fraction, 0.2);
  EXPECT_EQ(c.points[1].repeats, 1);
  EXPECT_EQ(c.points[1].wall_s, 6);
  EXPECT_FALSE(c.points[1].mpi_fraction);
  EXPECT_EQ(c.runs_not_ok, 1);
  EXPECT_EQ(c.points[1].speedup, 2);
}

TEST(Scaling, BaselineIsTheSmallestNodeCountMeasured) {
  std::vector<runs::RunSample> runs;
  for (int n : {2, 4, 8}) runs.push_back(sample("c", n, amdahl(n)));
  const CaseScaling c = analyse_scaling(runs).cases[0];
  EXPECT_EQ(c.baseline_nodes, 2);
  EXPECT_NEAR(c.amdahl->serial_fraction, 0.1, 1e-9);  // T1 extrapolated
  EXPECT_NEAR(c.amdahl->t1_s, 100, 1e-9);
  // Karp–Flatt against 2 nodes is the serial fraction of the 2-node run: 10/55.
  EXPECT_NEAR(*c.points[1].karp_flatt, 10.0 / 55.0, 1e-12);
  EXPECT_NE(c.notes.front().find("against 2 nodes"), std::string::npos);
}

TEST(Scaling, OneNodeCountSaysScalingCannotBeFitted) {
  const std::vector<runs::RunSample> runs{sample("c", 4, 3.0, 0), sample("c", 4, 3.2, 1)};
  const CaseScaling c = analyse_scaling(runs).cases[0];
  EXPECT_FALSE(c.amdahl);
  ASSERT_EQ(c.points.size(), 1u);
  EXPECT_EQ(c.points[0].speedup, 1);
  bool said = false;
  for (const std::string &n : c.notes)
    said = said || n.find("cannot be fitted") != std::string::npos;
  EXPECT_TRUE(said);
  EXPECT_TRUE(scaling_json(analyse_scaling(runs), "t")["cases"][0]["amdahl"].is_null());
}

TEST(Scaling, NoRunsAndNoOkRuns) {
  EXPECT_TRUE(analyse_scaling({}).cases.empty());
  std::vector<runs::RunSample> runs{sample("c", 1, 1)};
  runs[0].status = "failed";
  const CaseScaling c = analyse_scaling(runs).cases[0];
  EXPECT_TRUE(c.points.empty());
  EXPECT_FALSE(c.amdahl);
  EXPECT_TRUE(scaling_json(analyse_scaling(runs), "t")["cases"][0]["baseline_nodes"].is_null());
}

TEST(Scaling, CasesAndParameterSetsAreSeparateSeries) {
  std::vector<runs::RunSample> runs{sample("a", 1, 4), sample("a", 2, 2), sample("b", 1, 4)};
  runs[2].parameters = {{"n", "64"}};
  EXPECT_EQ(analyse_scaling(runs).cases.size(), 2u);
}

}  // namespace
}  // namespace hpcpat::models
