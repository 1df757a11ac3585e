// The plan: counts, names, order and values known by construction from small specs.
#include "hpcpat/study/plan.hpp"

#include <gtest/gtest.h>

#include <set>

#include "hpcpat/base/input_error.hpp"

namespace hpcpat::study {
namespace {

Plan plan_of(const std::string &yaml) {
  return expand(parse_study(yaml, "p.yaml"));
}

TEST(Plan, CartesianThenNodesThenRepeatsInDeclaredOrder) {
  const Plan p = plan_of(R"(name: s
nodes: [1, 2]
repeats: 2
ranks_per_node: 3
cases:
  - name: md
    app: minimd
    parameters: {size: [4, 8], steps: [10, 20, 30]}
)");
  // 2 sizes x 3 steps x 2 node counts x 2 repeats.
  ASSERT_EQ(p.runs.size(), 24u);
  EXPECT_EQ(p.runs[0].name, "md.size-4.steps-10.n1.rep1");
  EXPECT_EQ(p.runs[1].name, "md.size-4.steps-10.n1.rep2");
  EXPECT_EQ(p.runs[2].name, "md.size-4.steps-10.n2.rep1");
  EXPECT_EQ(p.runs[4].name, "md.size-4.steps-20.n1.rep1");  // the last axis varies fastest
  EXPECT_EQ(p.runs[12].name, "md.size-8.steps-10.n1.rep1");
  EXPECT_EQ(p.runs[23].name, "md.size-8.steps-30.n2.rep2");
  const PlannedRun &r = p.runs[2];
  EXPECT_EQ(r.study, "s");
  EXPECT_EQ(r.case_name, "md");
  EXPECT_EQ(r.nodes, 2);
  EXPECT_EQ(r.ranks_per_node, 3);
  EXPECT_EQ(r.ranks, 6);
  EXPECT_EQ(r.repeat, 1);
  EXPECT_TRUE(r.builtin);
  EXPECT_EQ(r.argv, (std::vector<std::string>{"minimd", "--size", "4", "--steps", "10"}));
  EXPECT_EQ(r.parameters, (std::vector<NameValue>{{"size", "4"}, {"steps", "10"}}));
  EXPECT_EQ(r.tags, (std::vector<std::string>{"study=s", "case=md", "run=" + r.name}));
  EXPECT_EQ(r.env, (std::vector<NameValue>{{"OMP_NUM_THREADS", "1"}}));
  EXPECT_EQ(count_runs(parse_study("name: s\nnodes: [1, 2]\nrepeats: 2\ncases: [{name: md, app: "
                                   "minimd, parameters: {size: [4, 8], steps: [10, 20, 30]}}]\n",
                                   "p.yaml")),
            24u);
}

TEST(Plan, ZippedParametersMoveTogether) {
  const Plan p = plan_of(R"(name: z
cases:
  - name: k
    app: kernels
    parameters:
      kernel: [bcast, alltoall]
      min_size: [1, 1K, 1M]
      max_size: [2, 2K, 2M]
      validate: [true, false]
    zip: [[min_size, max_size]]
)");
  // 2 kernels x 3 zipped pairs x 2 = 12, not 2 x 3 x 3 x 2.
  ASSERT_EQ(p.runs.size(), 12u);
  EXPECT_EQ(p.runs[0].argv, (std::vector<std::string>{"hpcpat-kernels", "bcast", "--min-size", "1",
                                                      "--max-size", "2", "--validate"}));
  EXPECT_EQ(p.runs[1].argv, (std::vector<std::string>{"hpcpat-kernels", "bcast", "--min-size", "1",
                                                      "--max-size", "2"}));
  EXPECT_EQ(p.runs[2].name, "k.kernel-bcast.min_size-1K.max_size-2K.validate-true.n1.rep1");
  EXPECT_EQ(p.runs[11].name, "k.kernel-alltoall.min_size-1M.max_size-2M.validate-false.n1.rep1");
}

TEST(Plan, StrongScalingKeepsTheProblemWeakScalingGrowsIt) {
  const std::string cases = R"(cases:
  - name: st
    app: stencil
    parameters: {n: 100, iters: 10}
)";
  const Plan strong = plan_of("name: s\nnodes: [1, 8, 27]\n" + cases);
  for (const PlannedRun &r : strong.runs) EXPECT_EQ(r.parameters[0].second, "100") << r.name;
  const Plan weak = plan_of("name: w\nscaling: weak\nnodes: [1, 8, 27]\n" + cases +
                            "    weak: {n: cbrt, iters: linear}\n");
  ASSERT_EQ(weak.runs.size(), 3u);
  // cbrt(8) = 2, cbrt(27) = 3 exactly; iters linear.
  EXPECT_EQ(weak.runs[1].parameters, (std::vector<NameValue>{{"n", "200"}, {"iters", "80"}}));
  EXPECT_EQ(weak.runs[2].parameters, (std::vector<NameValue>{{"n", "300"}, {"iters", "270"}}));
  EXPECT_EQ(weak.runs[2].argv,
            (std::vector<std::string>{"stencil", "--n", "300", "--iters", "270"}));
  // The name keeps the declared values, so a case's runs group across node counts.
  EXPECT_EQ(weak.runs[2].name, "st.n-100.iters-10.n27.rep1");
  const Plan sq = plan_of("name: q\nscaling: weak\nnodes: [4]\n" + cases + "    weak: {n: sqrt}\n");
  EXPECT_EQ(sq.runs[0].parameters[0].second, "200");
  // Past the app's bound: refused, naming the run.
  EXPECT_THROW(plan_of("name: b\nscaling: weak\nnodes: [2]\ncases:\n  - name: m\n    app: minimd\n"
                       "    parameters: {size: 1500}\n    weak: {size: linear}\n"),
               InputError);
}

TEST(Plan, CommandArgumentsAreSubstitutedNeverInterpreted) {
  const Plan p = plan_of(R"Y(name: c
nodes: [2]
ranks_per_node: 2
threads_per_rank: 4
cases:
  - name: x
    command: [prog, "$(touch /tmp/hpcpat-pwned)", "${a}", "pre-${a}-${ranks}", "$${a}", "`id`;|&"]
    parameters: {a: [one, "t w o"]}
    env: {OMP_NUM_THREADS: 2}
)Y");
  ASSERT_EQ(p.runs.size(), 2u);
  EXPECT_FALSE(p.runs[0].builtin);
  EXPECT_EQ(p.runs[0].argv, (std::vector<std::string>{"prog", "$(touch /tmp/hpcpat-pwned)", "one",
                                                      "pre-one-4", "${a}", "`id`;|&"}));
  EXPECT_EQ(p.runs[1].argv[2], "t w o");
  // An unsafe value is hashed in the name, stably.
  EXPECT_EQ(p.runs[0].name, "x.a-one.n2.rep1");
  EXPECT_EQ(p.runs[1].name.substr(0, 3), "x.p");
  EXPECT_EQ(p.runs[1].name.size(), std::string("x.p0123456789abcdef.n2.rep1").size());
  EXPECT_EQ(p.runs[1].name,
            plan_of("name: c\nnodes: [2]\ncases: [{name: x, command: [p, \"${a}\"], "
                    "parameters: {a: \"t w o\"}}]\n")
                .runs[0]
                .name);
  EXPECT_EQ(p.runs[0].threads, 4);
  EXPECT_EQ(p.runs[0].env, (std::vector<NameValue>{{"OMP_NUM_THREADS", "2"}}));
}

TEST(Plan, CaseOverridesAndEnvironmentOrder) {
  const Plan p = plan_of(R"(name: o
nodes: [1, 2]
repeats: 3
timeout: 1h
env: {A: 1, B: 2}
tags: {team: perf}
cases:
  - name: a
    app: cg
  - name: b
    app: cg
    nodes: [4]
    repeats: 1
    timeout: 30s
    ranks_per_node: 2
    env: {B: 3, C: 4}
)");
  ASSERT_EQ(p.runs.size(), 2u * 3u + 1u);
  const PlannedRun &b = p.runs.back();
  EXPECT_EQ(b.name, "b.n4.rep1");
  EXPECT_EQ(b.ranks, 8);
  EXPECT_EQ(b.timeout_s, 30);
  EXPECT_EQ(b.env,
            (std::vector<NameValue>{{"A", "1"}, {"B", "3"}, {"C", "4"}, {"OMP_NUM_THREADS", "1"}}));
  EXPECT_EQ(b.tags.back(), "team=perf");
  EXPECT_FALSE(b.container);  // containers: StudySpec.ContainersPerStudyAndPerCase
  EXPECT_EQ(p.runs[0].timeout_s, 3600);
}

TEST(Plan, NamesAreUniqueSafeAndLongOnesShortened) {
  EXPECT_EQ(plan_of("name: s\ncases: [{name: m, app: mlp, parameters: {steps: 1, global_batch: "
                    "100000000, hidden: 10000000, layers: 100, bucket_mb: 0.25}}]\n")
                .runs[0]
                .name,
            "m.steps-1.global_batch-100000000.hidden-10000000.layers-100.bucket_mb-0.25.n1.rep1");
  const Plan p = plan_of(R"(name: l
cases:
  - name: a-long-case-name-for-the-rule-of-96-bytes
    app: mlp
    parameters:
      steps: [1, 2]
      global_batch: [100000000, 200000000]
      hidden: [10000000, 20000000]
      layers: [100, 200]
      bucket_mb: [0.25, 1e-3]
)");
  ASSERT_EQ(p.runs.size(), 32u);
  std::set<std::string> seen;
  for (const PlannedRun &r : p.runs) {
    EXPECT_TRUE(seen.insert(r.name).second) << r.name;
    EXPECT_LE(r.name.size(), 128u);
    EXPECT_EQ(r.name.find('/'), std::string::npos);
    // 41 + 73 bytes before ".n1": the parameter part is hashed.
    EXPECT_EQ(r.name.substr(0, 43), "a-long-case-name-for-the-rule-of-96-bytes.p") << r.name;
  }
}

TEST(Plan, TheCapIsEnforcedWithTheCount) {
  // 1000 x 1000 values = 1 000 000 runs.
  std::string a, b;
  for (int i = 0; i < 1000; ++i) {
    a += (i ? "," : "") + std::to_string(i);
    b += (i ? "," : "") + std::to_string(i + 1);
  }
  const std::string yaml =
      "name: big\ncases:\n  - name: x\n    command: [p, \"${a}\", \"${b}\"]\n"
      "    parameters: {a: [" +
      a + "], b: [" + b + "]}\n";
  try {
    plan_of(yaml);
    FAIL() << "a 1 000 000-run plan was accepted";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("expands to 1000000 runs; expected at most 100000"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace hpcpat::study
