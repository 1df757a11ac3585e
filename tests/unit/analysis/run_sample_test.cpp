// The runs' grouping keys: repeats fall together, what a key omits falls together, the rest apart.
#include "hpcpat/runs/run_sample.hpp"

#include <gtest/gtest.h>

namespace hpcpat::runs {
namespace {

RunSample sample(int nodes, int steps, int n, int repeat) {
  RunSample s;
  s.case_name = "md";
  s.app = "minimd";
  s.duration_knob = "steps";
  s.size_knob = "n";
  s.nodes = nodes;
  s.ranks = 2 * nodes;
  s.ranks_per_node = 2;
  s.repeat = repeat;
  s.parameters = {{"steps", steps}, {"n", n}, {"cutoff", 2.5}};
  return s;
}

TEST(RunSample, KeyNamesEverythingButTheRepeatInOrder) {
  EXPECT_EQ(config_key(sample(2, 100, 16, 3)),
            "case=md app=minimd nodes=2 ranks=4 rpn=2 threads=1 cutoff=2.5 n=16 steps=100");
}

TEST(RunSample, RepeatsShareAConfiguration) {
  const std::vector<RunSample> runs = {sample(1, 100, 16, 0), sample(2, 100, 16, 0),
                                       sample(1, 100, 16, 1), sample(1, 200, 16, 0)};
  const auto groups = group_runs(runs, config_key);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].runs.size(), 2u);
  EXPECT_EQ(groups[0].runs[1], &runs[2]);
  EXPECT_EQ(groups[1].runs.size(), 1u);
  EXPECT_EQ(groups[2].runs.front(), &runs[3]);
}

TEST(RunSample, OmittedPartsFallTogether) {
  const std::vector<RunSample> runs = {sample(1, 100, 16, 0), sample(4, 100, 16, 0),
                                       sample(1, 300, 32, 0), sample(1, 100, 16, 0)};
  const auto across_nodes = group_runs(runs, [](const RunSample &s) {
    return group_key(s, KeyOmits{.nodes = true});
  });
  ASSERT_EQ(across_nodes.size(), 2u);
  EXPECT_EQ(across_nodes[0].runs.size(), 3u);
  const auto across_knobs = group_runs(runs, [](const RunSample &s) {
    return group_key(s, KeyOmits{.nodes = true, .duration_knob = true, .size_knob = true});
  });
  ASSERT_EQ(across_knobs.size(), 1u);
  EXPECT_EQ(across_knobs[0].key, "case=md app=minimd rpn=2 threads=1 cutoff=2.5");
}

TEST(RunSample, NumbersFromJsonNumbersAndTheStudiesSizeForms) {
  RunSample s;
  s.parameters = {{"iters", 50}, {"tol", 1e-6}, {"max_size", "4K"}, {"n", "64"},
                  {"decomp", "slab"}, {"big", "2G"}, {"flag", true}, {"bad", "4KK"}};
  EXPECT_EQ(number_parameter(s, "iters"), 50.0);
  EXPECT_EQ(number_parameter(s, "tol"), 1e-6);
  EXPECT_EQ(number_parameter(s, "max_size"), 4096.0);
  EXPECT_EQ(number_parameter(s, "n"), 64.0);
  EXPECT_EQ(number_parameter(s, "big"), 2.0 * 1024 * 1024 * 1024);
  EXPECT_FALSE(number_parameter(s, "decomp"));
  EXPECT_FALSE(number_parameter(s, "flag"));
  EXPECT_FALSE(number_parameter(s, "bad"));
  EXPECT_FALSE(number_parameter(s, "missing"));
}

}  // namespace
}  // namespace hpcpat::runs
