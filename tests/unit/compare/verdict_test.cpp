// The verdict of a pair and the pairing of configurations, on hand-built samples.
#include <gtest/gtest.h>

#include <vector>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/compare/compare.hpp"
#include "hpcpat/compare/compare_json.hpp"

namespace hpcpat::compare {
namespace {

TEST(Judge, EachVerdict) {
  CompareOptions o;  // threshold 5%, alpha 0.05, min 4 repeats, Mann–Whitney
  std::string why;
  EXPECT_EQ(judge(3, 5, 0.5, 0.001, false, o, &why), Verdict::too_few_repeats);
  EXPECT_NE(why.find("--min-repeats is 4"), std::string::npos) << why;
  EXPECT_EQ(judge(4, 4, 0.20, 0.03, false, o), Verdict::regression);    // slower wall time
  EXPECT_EQ(judge(4, 4, -0.20, 0.03, false, o), Verdict::improvement);  // faster
  EXPECT_EQ(judge(4, 4, -0.20, 0.03, true, o), Verdict::regression);    // lower figure of merit
  EXPECT_EQ(judge(4, 4, 0.20, 0.03, true, o), Verdict::improvement);
  EXPECT_EQ(judge(4, 4, 0.20, 0.06, false, o), Verdict::no_change);         // not significant
  EXPECT_EQ(judge(4, 4, 0.04, 0.001, false, o, &why), Verdict::no_change);  // within threshold
  EXPECT_NE(why.find("within the threshold"), std::string::npos) << why;
  EXPECT_EQ(judge(4, 4, std::nullopt, 0.001, false, o), Verdict::no_change);
  // 3 against 3 repeats allowed, but Mann–Whitney's smallest p there is 0.1 >= alpha.
  o.min_repeats = 3;
  EXPECT_EQ(judge(3, 3, 0.5, 0.1, false, o, &why), Verdict::too_few_repeats);
  EXPECT_NE(why.find("cannot reach"), std::string::npos) << why;
  o.test = compare::Test::welch;  // Welch's t can
  EXPECT_EQ(judge(3, 3, 0.5, 0.01, false, o), Verdict::regression);
}

MeasurementSet set_of(std::vector<Series> series, Metric metric = Metric::wall) {
  MeasurementSet s;
  s.source = "hand-built";
  s.metric = metric;
  s.unit = unit_of(metric);
  s.series = std::move(series);
  return s;
}

Series series(const std::string &key, std::vector<double> values) {
  Series s;
  s.key = key;
  s.case_name = key;
  s.nodes = 1;
  s.ranks = 2;
  s.values = std::move(values);
  return s;
}

TEST(Compare, PairsByKeyAndJudges) {
  const MeasurementSet base = set_of({series("a", {1.00, 1.01, 0.99, 1.02}),
                                      series("b", {2, 2.1, 1.9, 2.0}), series("gone", {1, 1})});
  const MeasurementSet next = set_of(
      {series("b", {2, 2.1, 1.9, 2.0}), series("a", {1.30, 1.31, 1.29, 1.32}), series("new", {1})});
  const Comparison c = compare(base, next, CompareOptions{});
  ASSERT_EQ(c.pairs.size(), 2u);
  EXPECT_EQ(c.pairs[0].next->key, "b");
  EXPECT_EQ(c.pairs[0].verdict, Verdict::no_change);
  EXPECT_EQ(c.pairs[1].next->key, "a");
  EXPECT_EQ(c.pairs[1].verdict, Verdict::regression);
  EXPECT_NEAR(*c.pairs[1].change, 1.305 / 1.005 - 1, 1e-12);
  EXPECT_NEAR(c.pairs[1].mann_whitney.p, 2.0 / 70, 1e-12);
  ASSERT_EQ(c.only_base.size(), 1u);
  EXPECT_EQ(c.only_base[0]->key, "gone");
  ASSERT_EQ(c.only_next.size(), 1u);
  EXPECT_TRUE(has_regression(c));
  const nlohmann::json doc = compare_json(c, {});
  EXPECT_EQ(doc["schema"], kCompareSchema);
  EXPECT_EQ(doc["summary"]["regressions"], 1);
  EXPECT_EQ(doc["pairs"][1]["verdict"], "regression");
  EXPECT_EQ(doc["pairs"][1]["mann_whitney"]["method"], "exact");
}

TEST(Compare, MixedMetricsAreRefused) {
  const MeasurementSet a = set_of({series("a", {1})}, Metric::wall);
  const MeasurementSet b = set_of({series("a", {1})}, Metric::fom);
  EXPECT_THROW(compare(a, b, CompareOptions{}), InputError);
}

runs::RunSample run(const std::string &name, int iters, double wall, const std::string &status) {
  runs::RunSample r;
  r.study = "s";
  r.run = name;
  r.case_name = "stencil";
  r.app = "stencil";
  r.parameters = {{"n", 24}, {"iters", iters}};
  r.ranks = 2;
  r.status = status;
  r.wall_s = wall;
  r.mpi_fraction_median = 0.5;
  return r;
}

TEST(Measurements, FromRunsWithIgnoredParameter) {
  const std::vector<runs::RunSample> runs = {run("a", 20, 1.0, "ok"), run("b", 400, 2.0, "ok"),
                                             run("c", 20, 9.0, "failed")};
  const MeasurementSet all = measurements_of_runs(runs, Metric::wall, {}, "s");
  ASSERT_EQ(all.series.size(), 2u);  // iters 20 and iters 400 are two configurations
  EXPECT_EQ(all.series[0].values, std::vector<double>{1.0});
  EXPECT_EQ(all.series[0].left_out, 1u);  // the failed run
  const std::vector<std::string> ignore = {"iters"};
  const MeasurementSet merged = measurements_of_runs(runs, Metric::wall, ignore, "s");
  ASSERT_EQ(merged.series.size(), 1u);
  EXPECT_EQ(merged.series[0].values, (std::vector<double>{1.0, 2.0}));
  EXPECT_FALSE(merged.series[0].parameters.contains("iters"));
  const MeasurementSet fom = measurements_of_runs(runs, Metric::fom, {}, "s");
  EXPECT_TRUE(fom.series[0].values.empty());  // no figure of merit recorded
  EXPECT_EQ(fom.series[0].left_out, 2u);
}

}  // namespace
}  // namespace hpcpat::compare
