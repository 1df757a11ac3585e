// Duration models against synthetic laws whose coefficients are known, and a leave-one-out
// worked by hand.
#include "hpcpat/models/duration_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/models/models_json.hpp"
#include "samples.hpp"

namespace hpcpat::models {
namespace {

using test::knob_sample;

// wall = 0.5 + 2e-6 · iters · n^2.37 / nodes^0.83: exponents off the coarse grid.
double law(double d, double s, double n) {
  return 0.5 + 2e-6 * d * std::pow(s, 2.37) * std::pow(n, -0.83);
}

std::vector<runs::RunSample> grid_runs(double noise) {
  std::vector<runs::RunSample> runs;
  int k = 0;
  for (double d : {100.0, 200.0, 400.0})
    for (double s : {16.0, 32.0, 48.0})
      for (int n : {1, 2, 4}) {
        // A fixed ±noise pattern, so the test is deterministic.
        const double wobble = noise * ((k++ % 5) - 2) / 2.0;
        runs.push_back(knob_sample(d, s, n, law(d, s, n) * (1 + wobble)));
      }
  return runs;
}

TEST(DurationModel, RecoversAKnownLawExactly) {
  const ModelReport r = fit_duration_models(grid_runs(0));
  ASSERT_EQ(r.models.size(), 1u);
  const DurationModel &m = r.models[0];
  EXPECT_FALSE(m.mpi_split);  // no profiles
  EXPECT_NEAR(m.compute.a, 0.5, 1e-9);
  EXPECT_NEAR(m.compute.b, 2e-6, 1e-15);
  EXPECT_NEAR(m.compute.p, 2.37, 1e-9);
  EXPECT_NEAR(m.compute.q, 0.83, 1e-9);
  EXPECT_NEAR(m.r2, 1, 1e-12);
  ASSERT_TRUE(m.loo);
  EXPECT_EQ(m.loo->held_out, 27);
  EXPECT_LT(m.loo->max_relative_error, 1e-9);
  EXPECT_EQ(m.duration.name, "iters");
  EXPECT_EQ(m.size.values, (std::vector<double>{16, 32, 48}));
}

TEST(DurationModel, RecoversAKnownLawThroughNoise) {
  const ModelReport r = fit_duration_models(grid_runs(0.04));  // ±4% at most
  ASSERT_EQ(r.models.size(), 1u);
  const DurationModel &m = r.models[0];
  EXPECT_NEAR(m.compute.p, 2.37, 0.1);
  EXPECT_NEAR(m.compute.q, 0.83, 0.1);
  EXPECT_NEAR(m.compute.a, 0.5, 0.1);
  ASSERT_TRUE(m.compute.b_ci95);
  EXPECT_GT(m.r2, 0.95);
  ASSERT_TRUE(m.loo);
  EXPECT_LT(m.loo->median_relative_error, 0.05);
  EXPECT_GT(m.loo->median_relative_error, 0);
}

TEST(DurationModel, FitsComputeAndMpiApartWhenThatPredictsBetter) {
  // compute = 0.3 + 1e-6·d·s³/n, MPI = 0.2 + 1e-4·d·s·n^0.5 (grows with nodes: q = −0.5).
  std::vector<runs::RunSample> runs;
  for (double d : {100.0, 300.0})
    for (double s : {16.0, 32.0})
      for (int n : {1, 2, 4}) {
        const double comp = 0.3 + 1e-6 * d * s * s * s / n, mpi = 0.2 + 1e-4 * d * s * std::sqrt(n);
        runs.push_back(knob_sample(d, s, n, comp + mpi));
        runs.back().mpi_fraction_median = mpi / (comp + mpi);
      }
  const DurationModel m = fit_duration_models(runs).models.at(0);
  ASSERT_TRUE(m.mpi_split);
  ASSERT_TRUE(m.mpi);
  EXPECT_NEAR(m.compute.p, 3, 1e-9);
  EXPECT_NEAR(m.compute.q, 1, 1e-9);
  EXPECT_NEAR(m.mpi->p, 1, 1e-9);
  EXPECT_NEAR(m.mpi->q, -0.5, 1e-9);
  EXPECT_NEAR(m.mpi->a, 0.2, 1e-9);
  EXPECT_NEAR(*m.points[0].fitted_mpi_s, *m.points[0].mpi_s, 1e-9);
  EXPECT_LT(m.loo->max_relative_error, 1e-9);
}

TEST(DurationModel, LeaveOneOutMatchesTheHandComputation) {
  // wall at iters 1, 2, 4 = 1, 2, 4.5 (no size knob, one node count): a line a + b·d.
  // Without d=1: line through (2,2), (4,4.5) gives 0.75 at 1, error 25%.
  // Without d=2: through (1,1), (4,4.5) gives 13/6 at 2, error 1/12.
  // Without d=4: through (1,1), (2,2) gives 4 at 4, error 1/9. Median 1/9, max 1/4.
  std::vector<runs::RunSample> runs{knob_sample(1, 0, 1, 1), knob_sample(2, 0, 1, 2),
                                    knob_sample(4, 0, 1, 4.5)};
  for (runs::RunSample &r : runs) r.size_knob = "";
  const DurationModel m = fit_duration_models(runs).models.at(0);
  ASSERT_TRUE(m.loo);
  EXPECT_EQ(m.loo->held_out, 3);
  EXPECT_NEAR(*m.points[0].loo_predicted_s, 0.75, 1e-12);
  EXPECT_NEAR(*m.points[1].loo_relative_error, 1.0 / 12, 1e-12);
  EXPECT_NEAR(*m.points[2].loo_predicted_s, 4, 1e-12);
  EXPECT_NEAR(m.loo->median_relative_error, 1.0 / 9, 1e-12);
  EXPECT_NEAR(m.loo->max_relative_error, 0.25, 1e-12);
  EXPECT_FALSE(m.compute.p_fitted);
  EXPECT_FALSE(m.compute.q_fitted);
}

TEST(DurationModel, PredictAndInvertRoundTrip) {
  const DurationModel m = fit_duration_models(grid_runs(0)).models.at(0);
  const Prediction p = predict(m, {.duration = 150, .size = 40, .nodes = 3});
  EXPECT_NEAR(p.wall_s, law(150, 40, 3), 1e-9);
  const Inversion inv = invert(m, p.wall_s, {.size = 40, .nodes = 3});
  EXPECT_NEAR(inv.duration_exact, 150, 1e-6);
  EXPECT_EQ(inv.duration, 150);
  EXPECT_NEAR(inv.at.wall_s, p.wall_s, 1e-6);
}

std::string refusal(const std::function<void()> &f) {
  try {
    f();
  } catch (const InputError &e) {
    return e.what();
  }
  return "(no refusal)";
}

TEST(DurationModel, RefusesToExtrapolateAndSaysWhatWasMeasured) {
  const DurationModel m = fit_duration_models(grid_runs(0)).models.at(0);
  // nodes 1, 2, 4 measured: allowed 0.5 .. 8.
  EXPECT_NO_THROW(predict(m, {.duration = 100, .size = 16, .nodes = 8}));
  const std::string far = refusal([&] { predict(m, {.duration = 100, .size = 16, .nodes = 9}); });
  EXPECT_NE(far.find("nodes=9 is outside"), std::string::npos) << far;
  EXPECT_NE(far.find("measured nodes 1, 2, 4 (allowed 0.5 .. 8"), std::string::npos) << far;
  const std::string big = refusal([&] { predict(m, {.duration = 801, .size = 16, .nodes = 1}); });
  EXPECT_NE(big.find("iters=801"), std::string::npos) << big;
  const std::string missing = refusal([&] { predict(m, {.duration = 100, .nodes = 1}); });
  EXPECT_NE(missing.find("give n=VALUE; measured n 16, 32, 48"), std::string::npos) << missing;
  // 1000 s at n=16 on 1 node needs far more than 800 iterations.
  const std::string inv = refusal([&] { invert(m, 1000, {.size = 16, .nodes = 1}); });
  EXPECT_NE(inv.find("needs iters="), std::string::npos) << inv;
  EXPECT_NE(inv.find("measured iters 100, 200, 400"), std::string::npos) << inv;
  EXPECT_NE(refusal([&] { invert(m, -1, {}); }).find("--target-seconds: expected a positive"),
            std::string::npos);
  // Below the fixed cost: a negative knob value.
  EXPECT_NE(refusal([&] { invert(m, 0.1, {.size = 16, .nodes = 1}); }).find("outside"),
            std::string::npos);
}

TEST(DurationModel, OneMeasuredValueIsTheOnlyOneThatMayBeAsked) {
  std::vector<runs::RunSample> runs;
  for (double d : {10.0, 20.0, 30.0}) runs.push_back(knob_sample(d, 64, 2, 1 + 0.1 * d));
  const DurationModel m = fit_duration_models(runs).models.at(0);
  EXPECT_NEAR(predict(m, {.duration = 25}).wall_s, 3.5, 1e-9);  // size and nodes implied
  const std::string e = refusal([&] { predict(m, {.duration = 25, .nodes = 1}); });
  EXPECT_NE(e.find("measured nodes 2 only"), std::string::npos) << e;
}

TEST(DurationModel, CasesThatCannotBeModelledSayWhy) {
  EXPECT_TRUE(fit_duration_models({}).models.empty());
  // One repeat of one duration value only.
  std::vector<runs::RunSample> one{knob_sample(10, 64, 1, 2.0), knob_sample(10, 64, 2, 1.5)};
  ModelReport r = fit_duration_models(one);
  ASSERT_EQ(r.unfitted.size(), 1u);
  EXPECT_NE(r.unfitted[0].reason.find("measured at one value (10)"), std::string::npos);
  // An external command has no knob.
  one[0].duration_knob = one[1].duration_knob = "";
  r = fit_duration_models(one);
  EXPECT_NE(r.unfitted.at(0).reason.find("no duration knob"), std::string::npos);
  // Two configurations cannot pin a law that also fits a node exponent (3 parameters).
  const std::vector<runs::RunSample> two{knob_sample(10, 64, 1, 2.0), knob_sample(20, 64, 2, 3.0)};
  r = fit_duration_models(two);
  ASSERT_EQ(r.unfitted.size(), 1u) << (r.models.empty() ? "" : r.models[0].key);
  EXPECT_NE(r.unfitted[0].reason.find("cannot determine"), std::string::npos);
  // Exactly as many configurations as parameters: fitted, but no leave-one-out.
  const std::vector<runs::RunSample> exact{knob_sample(10, 64, 1, 2.0),
                                           knob_sample(20, 64, 1, 3.0)};
  const DurationModel m = fit_duration_models(exact).models.at(0);
  EXPECT_FALSE(m.loo);
  EXPECT_TRUE(model_json(fit_duration_models(exact), "t")["models"][0]["loo"].is_null());
}

TEST(DurationModel, RepeatsReduceByMedian) {
  std::vector<runs::RunSample> runs{knob_sample(10, 64, 1, 2.0, 0), knob_sample(10, 64, 1, 9.0, 1),
                                    knob_sample(10, 64, 1, 2.2, 2), knob_sample(20, 64, 1, 3.0, 0)};
  runs[1].status = "timeout";
  const DurationModel m = fit_duration_models(runs).models.at(0);
  EXPECT_EQ(m.points[0].repeats, 2);
  EXPECT_NEAR(m.points[0].wall_s, 2.1, 1e-12);
  EXPECT_EQ(m.runs_not_ok, 1);
}

}  // namespace
}  // namespace hpcpat::models
