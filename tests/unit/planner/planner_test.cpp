// The ensemble planner against measurements known by construction: two cases whose wall time is
// an exact law of the duration knob and the node count, labelled by hand, so every candidate's
// reach, every inverted knob and every prediction can be checked exactly.
#include "hpcpat/planner/planner.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/emit/emit.hpp"

namespace hpcpat::planner {
namespace {

using target::Durations;
using target::GroupSpec;
using target::Mix;
using target::TargetSpec;

// stencil: wall = 0.5 + 0.001 * iters / nodes;  cg: wall = 0.3 + 0.002 * iters / nodes.
double stencil_s(double iters, int nodes) { return 0.5 + 0.001 * iters / nodes; }
double cg_s(double iters, int nodes) { return 0.3 + 0.002 * iters / nodes; }

runs::RunSample run(const std::string &app, double iters, int nodes, double wall) {
  runs::RunSample s;
  s.study = "measure";
  s.case_name = app;
  s.app = app;
  s.duration_knob = "iters";
  s.size_knob = "n";
  s.parameters = {{"iters", std::to_string(static_cast<long long>(iters))}, {"n", "64"}};
  s.nodes = nodes;
  s.ranks_per_node = 2;
  s.ranks = 2 * nodes;
  s.status = "ok";
  s.wall_s = wall;
  s.run = app + ".iters-" + std::to_string(static_cast<long long>(iters)) + ".n" +
          std::to_string(nodes);
  return s;
}

struct Measured {
  std::vector<runs::RunSample> samples;
  std::vector<RunLabels> labels;
  models::ModelReport models;
  std::vector<Candidate> candidates;

  Measured() {
    for (const int nodes : {1, 2}) {
      for (const double iters : {1000.0, 2000.0, 4000.0}) {
        samples.push_back(run("stencil", iters, nodes, stencil_s(iters, nodes)));
        labels.push_back({"measure", samples.back().run, {"halo"}});
        samples.push_back(run("cg", iters, nodes, cg_s(iters, nodes)));
        // cg exchanges halos too, but its primary label is compute-bound on one node (2 ranks)
        // and allreduce-heavy on two.
        labels.push_back({"measure", samples.back().run,
                          nodes == 1 ? std::vector<std::string>{"compute-bound", "halo"}
                                     : std::vector<std::string>{"allreduce-heavy", "halo"}});
      }
    }
    models = models::fit_duration_models(samples);
    candidates = planner::candidates(models, samples, labels);
  }
};

const Measured &measured() {
  static const Measured m;
  return m;
}

GroupSpec group(const std::string &name, int jobs, Mix mix, std::vector<int> nodes = {1, 2}) {
  GroupSpec g;
  g.name = name;
  g.line = 7;
  g.work.kind = target::Work::Kind::jobs;
  g.work.jobs = jobs;
  g.durations.shape = Durations::Shape::uniform;
  g.durations.min_s = 1.0;
  g.durations.max_s = 2.0;
  g.mix = std::move(mix);
  g.nodes = std::move(nodes);
  return g;
}

Mix patterns(std::vector<target::MixEntry> entries) {
  return Mix{Mix::Kind::patterns, std::move(entries)};
}

TargetSpec spec_of(std::vector<GroupSpec> groups, std::uint64_t seed = 7) {
  TargetSpec s;
  s.file = "target.yaml";
  s.ensemble = "test";
  s.seed = seed;
  s.cluster_nodes = 2;
  s.groups = std::move(groups);
  return s;
}

emit::EnsemblePlan plan(const TargetSpec &spec) {
  PlanInputs in;
  in.spec = &spec;
  in.candidates = measured().candidates;
  in.argv_of = [](const emit::PlannedJob &j) {
    return std::vector<std::string>{"/opt/bin/" + j.app, "--iters",
                                    j.parameters.at("iters").get<std::string>()};
  };
  in.generated_by = "test";
  return plan_ensemble(in);
}

double law(const emit::PlannedJob &j) {
  const double iters = std::stod(j.parameters.at("iters").get<std::string>());
  return j.app == "stencil" ? stencil_s(iters, j.nodes) : cg_s(iters, j.nodes);
}

std::string message_of(const TargetSpec &spec) {
  try {
    plan(spec);
  } catch (const InputError &e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Candidates, EachCaseAtEachNodeCountWithItsReachAndCommonLabels) {
  const std::vector<Candidate> &cs = measured().candidates;
  ASSERT_EQ(cs.size(), 4u);
  for (const Candidate &c : cs) {
    // The model predicts from half the smallest to twice the largest knob value: 500 .. 8000.
    const double lo = c.app == "stencil" ? stencil_s(500, c.nodes) : cg_s(500, c.nodes);
    const double hi = c.app == "stencil" ? stencil_s(8000, c.nodes) : cg_s(8000, c.nodes);
    EXPECT_NEAR(c.shortest_s, lo, 1e-6) << c.describe();
    EXPECT_NEAR(c.longest_s, hi, 1e-6) << c.describe();
    EXPECT_EQ(c.size, 64);
    EXPECT_EQ(c.ranks_per_node, 2);
    EXPECT_EQ(c.runs.size(), 6u);
    if (c.app == "stencil") {
      EXPECT_EQ(c.labels, (std::vector<std::string>{"halo"}));
    } else if (c.nodes == 2) {
      EXPECT_EQ(c.labels, (std::vector<std::string>{"allreduce-heavy", "halo"}));
    }
  }
}

TEST(Candidates, LabelsAreThoseEveryRunHas) {
  Measured m;
  m.labels[0].labels = {"compute-bound"};  // stencil at 1000 iters, 1 node: halo missing
  const std::vector<Candidate> cs = candidates(m.models, m.samples, m.labels);
  const auto it = std::find_if(cs.begin(), cs.end(),
                               [](const Candidate &c) { return c.app == "stencil" && c.nodes == 1; });
  ASSERT_NE(it, cs.end());
  EXPECT_TRUE(it->labels.empty());
}

TEST(Plan, JobsHaveTheDrawnDurationsPatternsAndNodeCounts) {
  const TargetSpec spec =
      spec_of({group("sim", 40, patterns({{"halo", 1}, {"allreduce-heavy", 1}}))});
  const emit::EnsemblePlan p = plan(spec);
  ASSERT_EQ(p.jobs.size(), 40u);
  std::set<int> halo_nodes;
  int halo = 0;
  for (const emit::PlannedJob &j : p.jobs) {
    SCOPED_TRACE(j.name);
    // halo: stencil, whose primary label it is, never cg (where it is second); allreduce-heavy:
    // only cg on 2 nodes has it.
    if (j.pattern == "halo") {
      ++halo;
      EXPECT_EQ(j.app, "stencil");
      halo_nodes.insert(j.nodes);
    } else {
      EXPECT_EQ(j.pattern, "allreduce-heavy");
      EXPECT_EQ(j.app, "cg");
      EXPECT_EQ(j.nodes, 2);
    }
    // The knob is whole (the measured values were) and the prediction is the law there.
    EXPECT_NEAR(j.predicted_s, law(j), 1e-6);
    const double step = (j.app == "stencil" ? 0.001 : 0.002) / j.nodes;
    EXPECT_GE(j.predicted_s, 1.0 - step / 2);
    EXPECT_LE(j.predicted_s, 2.0 + step / 2);
    EXPECT_EQ(j.tasks_per_node, 2);
    EXPECT_EQ(j.phase, 1);
    EXPECT_DOUBLE_EQ(j.time_limit_s, std::ceil(2.0 * j.predicted_s));
    EXPECT_EQ(j.argv.front(), "/opt/bin/" + j.app);
    EXPECT_EQ(j.source_runs.size(), 6u);
  }
  EXPECT_GT(halo, 10);
  EXPECT_LT(halo, 30);
  EXPECT_EQ(halo_nodes, (std::set<int>{1, 2}));
  EXPECT_EQ(p.jobs.front().name, "sim-001");
  EXPECT_EQ(p.jobs.back().name, "sim-040");
  EXPECT_NO_THROW(emit::check_plan(p));
}

TEST(Plan, TheSameSeedGivesTheSamePlanAndAnotherDiffers) {
  const auto mix = patterns({{"halo", 2}, {"allreduce-heavy", 1}});
  const std::string a = emit::plan_json(plan(spec_of({group("g", 25, mix)}, 42))).dump();
  const std::string b = emit::plan_json(plan(spec_of({group("g", 25, mix)}, 42))).dump();
  const std::string c = emit::plan_json(plan(spec_of({group("g", 25, mix)}, 43))).dump();
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(Plan, DurationsOutsideTheMeasuredReachAreRefusedWithWhatIsAvailable) {
  GroupSpec g = group("sim", 4, patterns({{"halo", 1}}));
  g.durations.max_s = 20;
  const std::string m = message_of(spec_of({g}));
  EXPECT_NE(m.find("target.yaml:7: groups[0].durations"), std::string::npos) << m;
  EXPECT_NE(m.find("'halo' must last 1 .. 20 s"), std::string::npos) << m;
  EXPECT_NE(m.find("stencil at 1 node, n=64: 1 .. 8.5 s"), std::string::npos) << m;
  EXPECT_NE(m.find("stencil at 2 nodes, n=64: 0.75 .. 4.5 s"), std::string::npos) << m;
}

TEST(Plan, AGapBetweenReachesIsRefused) {
  // allreduce-heavy: cg on 2 nodes only, reaching 0.8 .. 8.3 s; 0.1 .. 0.5 is below it.
  GroupSpec g = group("sim", 4, patterns({{"allreduce-heavy", 1}}));
  g.durations.min_s = 0.1;
  g.durations.max_s = 0.5;
  EXPECT_NE(message_of(spec_of({g})).find("must last 0.1 .. 0.5 s"), std::string::npos);
  // An empirical list is checked value by value.
  g.durations.shape = Durations::Shape::empirical;
  g.durations.values_s = {1.0, 9.0};
  EXPECT_NE(message_of(spec_of({g})).find("must last 9 s"), std::string::npos);
}

TEST(Plan, APatternOrAppOrNodeCountNobodyMeasuredIsRefused) {
  std::string m = message_of(spec_of({group("g", 2, patterns({{"alltoall-heavy", 1}}))}));
  EXPECT_NE(m.find("groups[0].patterns.alltoall-heavy: no measured case has the pattern "
                   "'alltoall-heavy' at nodes [1, 2]"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("cg at 2 nodes, n=64: 0.8 .. 8.3 s [allreduce-heavy, halo]"),
            std::string::npos)
      << m;
  m = message_of(spec_of({group("g", 2, Mix{Mix::Kind::apps, {{"fft", 1}}})}));
  EXPECT_NE(m.find("groups[0].apps.fft: no measured case or app named 'fft'"), std::string::npos)
      << m;
  TargetSpec four = spec_of({group("g", 2, patterns({{"halo", 1}}), {4})});
  four.cluster_nodes = 4;
  m = message_of(four);
  EXPECT_NE(m.find("at nodes [4]"), std::string::npos) << m;
}

TEST(Plan, AnAppsMixTakesTheAppAndItsPrimaryLabel) {
  const emit::EnsemblePlan p =
      plan(spec_of({group("g", 12, Mix{Mix::Kind::apps, {{"cg", 1}}})}));
  for (const emit::PlannedJob &j : p.jobs) {
    EXPECT_EQ(j.app, "cg");
    EXPECT_EQ(j.pattern, j.nodes == 1 ? "compute-bound" : "allreduce-heavy");
  }
}

TEST(Plan, NodeHoursAndMakespanDrawJobsUntilTheWorkIsThere) {
  GroupSpec g = group("g", 0, patterns({{"halo", 1}}));
  g.work.kind = target::Work::Kind::node_hours;
  g.work.node_hours = 0.01;  // 36 node-seconds
  emit::EnsemblePlan p = plan(spec_of({g}));
  double node_s = 0;
  for (const emit::PlannedJob &j : p.jobs) node_s += j.nodes * j.predicted_s;
  const emit::PlannedJob &last = p.jobs.back();
  EXPECT_GE(node_s, 36);
  EXPECT_LT(node_s - last.nodes * last.predicted_s, 36);

  g.work.kind = target::Work::Kind::makespan;
  g.work.makespan_s = 30;  // on 2 nodes: 60 node-seconds
  p = plan(spec_of({g}));
  node_s = 0;
  for (const emit::PlannedJob &j : p.jobs) node_s += j.nodes * j.predicted_s;
  EXPECT_GE(node_s, 60);
  EXPECT_LT(node_s - p.jobs.back().nodes * p.jobs.back().predicted_s, 60);
}

TEST(Plan, TooMuchWorkIsRefusedAtTheJobCap) {
  GroupSpec g = group("g", 0, patterns({{"halo", 1}}));
  g.work.kind = target::Work::Kind::node_hours;
  g.work.node_hours = 1e6;
  EXPECT_NE(message_of(spec_of({g})).find("needs more than 100000 jobs"), std::string::npos);
}

TEST(Plan, WavesAndPoissonArrivals) {
  GroupSpec g = group("g", 10, patterns({{"halo", 1}}));
  g.arrival.shape = target::Arrival::Shape::waves;
  g.arrival.waves = 3;
  g.arrival.interval_s = 60;
  std::vector<double> at;
  for (const emit::PlannedJob &j : plan(spec_of({g})).jobs) at.push_back(j.submit_s);
  EXPECT_EQ(at, (std::vector<double>{0, 0, 0, 0, 60, 60, 60, 120, 120, 120}));

  g.work.jobs = 2000;
  g.arrival.shape = target::Arrival::Shape::poisson;
  g.arrival.rate_per_minute = 6;  // a mean gap of 10 s
  const emit::EnsemblePlan p = plan(spec_of({g}));
  double previous = 0;
  for (const emit::PlannedJob &j : p.jobs) {
    EXPECT_GE(j.submit_s, previous);
    previous = j.submit_s;
  }
  EXPECT_NEAR(p.jobs.back().submit_s / 2000, 10, 0.5);  // 2000 gaps: sd of the mean 0.22 s
}

TEST(Plan, TruncatedLogNormalDurations) {
  GroupSpec g = group("g", 1001, patterns({{"halo", 1}}));
  g.durations.shape = Durations::Shape::lognormal;
  g.durations.median_s = 2;
  g.durations.sigma = 0.5;
  g.durations.min_s = 1.2;
  g.durations.max_s = 4;
  std::vector<double> predicted;
  for (const emit::PlannedJob &j : plan(spec_of({g})).jobs) predicted.push_back(j.predicted_s);
  std::sort(predicted.begin(), predicted.end());
  EXPECT_GE(predicted.front(), 1.2 - 0.001);
  EXPECT_LE(predicted.back(), 4 + 0.001);
  // The truncated law's median: 2 exp(0.5 z) with Phi(z) = Phi(a) + (Phi(b) - Phi(a)) / 2 for
  // a = ln(0.6)/0.5, b = ln(2)/0.5: z = 0.089, 2.091 s; the sample median of 1001 draws is within
  // 0.04 s of it (one standard error) with this seed, allowed 0.08.
  EXPECT_NEAR(predicted[500], 2.091, 0.08);
}

TEST(Plan, AGroupAfterAnotherIsTheNextPhase) {
  GroupSpec second = group("train", 3, patterns({{"allreduce-heavy", 1}}));
  second.after = "sim";
  const emit::EnsemblePlan p =
      plan(spec_of({group("sim", 2, patterns({{"halo", 1}})), second}));
  ASSERT_EQ(p.jobs.size(), 5u);
  EXPECT_EQ(p.jobs[1].phase, 1);
  EXPECT_EQ(p.jobs[2].phase, 2);
  EXPECT_EQ(p.jobs[2].name, "train-001");
}

}  // namespace
}  // namespace hpcpat::planner
