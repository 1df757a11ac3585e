// The spec reader: what it accepts, as typed data, and each kind of bad spec refused with one
// message naming file:line, the field path and what was expected.
#include "hpcpat/study/study_spec.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/study/plan.hpp"

namespace hpcpat::study {
namespace {

std::string error_of(const std::string &yaml) {
  try {
    parse_study(yaml, "s.yaml");
  } catch (const InputError &e) {
    return e.what();
  }
  return "(accepted)";
}

// Each refusal: "s.yaml:LINE: FIELD: expected ..." with the line and field given.
void expect_refused(const std::string &yaml, int line, const std::string &field,
                    const std::string &expected_part) {
  const std::string msg = error_of(yaml);
  const std::string head = "s.yaml:" + std::to_string(line) + ": " + field + ": expected ";
  EXPECT_EQ(msg.rfind(head, 0), 0u) << "message: " << msg << "\nwanted start: " << head;
  EXPECT_NE(msg.find(expected_part), std::string::npos) << msg;
  EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
}

const char *kMinimal = "name: s1\ncases:\n  - name: a\n    app: minimd\n";

TEST(StudySpec, MinimalSpecTakesTheDefaults) {
  const StudySpec s = parse_study(kMinimal, "s.yaml");
  EXPECT_EQ(s.name, "s1");
  EXPECT_EQ(s.nodes, std::vector<int>{1});
  EXPECT_EQ(s.ranks_per_node, 1);
  EXPECT_EQ(s.repeats, 1);
  EXPECT_EQ(s.timeout_s, kDefaultTimeoutSeconds);
  EXPECT_EQ(s.launcher.name, "auto");
  EXPECT_EQ(s.scaling, Scaling::strong);
  ASSERT_EQ(s.cases.size(), 1u);
  EXPECT_EQ(s.cases[0].app, "minimd");
}

TEST(StudySpec, EveryFieldIsRead) {
  const StudySpec s = parse_study(R"(name: full
description: all of it
launcher:
  name: flux
  flux: {cpu_affinity: "off", exclusive: true, pmi: pmix, flags: [--setattr=x=1]}
  mpirun: {flags: [--mca, btl, "self,tcp"]}
nodes: [1, 2, 4]
ranks_per_node: 8
threads_per_rank: 2
repeats: 3
timeout: 10m
env: {OMP_PROC_BIND: close, HPCPAT_TIMER: tsc}
tags: {team: perf}
cases:
  - name: md
    app: minimd
    parameters: {size: [10, 20], steps: 50, quiet: true}
    nodes: [2]
    ranks_per_node: 4
    repeats: 1
    timeout: 90
    env: {OMP_PROC_BIND: spread}
  - name: lj
    command: [lmp, -in, in.lj, -var, x, "${x}"]
    parameters: {x: [1, 2]}
)",
                                  "s.yaml");
  EXPECT_EQ(s.launcher.name, "flux");
  EXPECT_EQ(s.launcher.flux.cpu_affinity, "off");
  EXPECT_TRUE(s.launcher.flux.exclusive);
  EXPECT_EQ(s.launcher.flux.pmi, "pmix");
  EXPECT_EQ(s.launcher.mpirun_flags, (std::vector<std::string>{"--mca", "btl", "self,tcp"}));
  EXPECT_EQ(s.nodes, (std::vector<int>{1, 2, 4}));
  EXPECT_EQ(s.threads_per_rank, 2);
  EXPECT_EQ(s.timeout_s, 600);
  EXPECT_EQ(s.env, (std::vector<NameValue>{{"OMP_PROC_BIND", "close"}, {"HPCPAT_TIMER", "tsc"}}));
  EXPECT_EQ(s.tags, (std::vector<NameValue>{{"team", "perf"}}));
  EXPECT_FALSE(s.container);
  const CaseSpec &md = s.cases[0];
  EXPECT_EQ(md.parameters[0].values, (std::vector<std::string>{"10", "20"}));
  EXPECT_EQ(*md.nodes, std::vector<int>{2});
  EXPECT_EQ(*md.timeout_s, 90);
  EXPECT_EQ(s.cases[1].command.back(), "${x}");
}

// A study's image, and a case's own image in its place: runs from two images compare in one
// study.
TEST(StudySpec, ContainersPerStudyAndPerCase) {
  const StudySpec s = parse_study(R"(name: images
container: {image: "localhost/hpcpat:ompi", runtime: podman, options: [--runtime=runc]}
cases:
  - {name: a, app: cg}
  - name: b
    app: cg
    container: {image: /images/hpcpat-mpich.sif, runtime: apptainer}
)",
                                  "s.yaml");
  ASSERT_TRUE(s.container);
  EXPECT_EQ(s.container->image, "localhost/hpcpat:ompi");
  EXPECT_EQ(s.container->options, std::vector<std::string>{"--runtime=runc"});
  EXPECT_FALSE(s.cases[0].container);
  ASSERT_TRUE(s.cases[1].container);
  EXPECT_EQ(s.cases[1].container->runtime, "apptainer");
  const Plan p = expand(s);
  ASSERT_EQ(p.runs.size(), 2u);
  ASSERT_TRUE(p.runs[0].container && p.runs[1].container);
  EXPECT_EQ(p.runs[0].container->image, "localhost/hpcpat:ompi");
  EXPECT_EQ(p.runs[1].container->image, "/images/hpcpat-mpich.sif");
}

TEST(StudySpec, TimeoutUnits) {
  for (const auto &[text, seconds] : std::vector<std::pair<std::string, int>>{
           {"45", 45}, {"90s", 90}, {"10m", 600}, {"1h", 3600}, {"168h", 604800}}) {
    const StudySpec s = parse_study(std::string(kMinimal) + "timeout: " + text + "\n", "s.yaml");
    EXPECT_EQ(s.timeout_s, seconds) << text;
  }
}

TEST(StudySpec, HostileSpecsNameLineFieldAndExpectation) {
  expect_refused("name: s\ncases: [\n", 3, "(document)", "well-formed YAML");
  expect_refused("- a\n- b\n", 1, "(document)", "a map");
  expect_refused("name: s\nbogus: 1\ncases: []\n", 2, "bogus", "one of the keys name,");
  expect_refused("name: s\ncases: []\n", 2, "cases", "a list of 1 to 1000 entries");
  expect_refused("name: ../etc\ncases: [{name: a, app: cg}]\n", 1, "name", "a name of 1 to 64");
  expect_refused("name: a/b\ncases: [{name: a, app: cg}]\n", 1, "name", "a name");
  expect_refused("name: .hidden\ncases: [{name: a, app: cg}]\n", 1, "name", "a name");
  expect_refused("name: \"a b\"\ncases: [{name: a, app: cg}]\n", 1, "name", "a name");
  expect_refused("name: \"x;rm\"\ncases: [{name: a, app: cg}]\n", 1, "name", "a name");
  expect_refused("name: s\nnodes: [1, 0]\ncases: [{name: a, app: cg}]\n", 2, "nodes[1]",
                 "an integer from 1 to 65536");
  expect_refused("name: s\nnodes: [2, 2]\ncases: [{name: a, app: cg}]\n", 2, "nodes[1]",
                 "each node count once");
  expect_refused("name: s\nrepeats: -1\ncases: [{name: a, app: cg}]\n", 2, "repeats",
                 "an integer from 1 to 1000");
  expect_refused("name: s\nranks_per_node: 1e9\ncases: [{name: a, app: cg}]\n", 2, "ranks_per_node",
                 "an integer from 1 to 4096");
  expect_refused("name: s\nrepeats: \"3\"\ncases: [{name: a, app: cg}]\n", 2, "repeats",
                 "an integer");
  expect_refused("name: s\ntimeout: 8d\ncases: [{name: a, app: cg}]\n", 2, "timeout",
                 "a duration from 1 s to 604800 s");
  expect_refused("name: s\ncases:\n  - name: a\n    app: cg\n  - name: a\n    app: fft\n", 5,
                 "cases[1].name", "a name no other case has");
  expect_refused("name: s\ncases:\n  - name: a\n    app: cg\n    parameters:\n      bogus: 1\n", 6,
                 "cases[0].parameters.bogus", "a parameter of cg");
  expect_refused("name: s\ncases:\n  - name: a\n    app: minimd\n    parameters:\n      steps: 0\n",
                 6, "cases[0].parameters.steps", "an integer from 1 to 100000000");
  expect_refused(
      "name: s\ncases:\n  - name: a\n    app: fft\n    parameters:\n"
      "      decomp: [slab, cube]\n",
      6, "cases[0].parameters.decomp[1]", "one of slab, pencil");
  expect_refused("name: s\ncases:\n  - name: a\n    app: kernels\n", 3,
                 "cases[0].parameters.kernel", "the kernel to run");
  expect_refused("name: s\ncases:\n  - name: a\n    app: cg\n    command: [x]\n", 3, "cases[0]",
                 "exactly one of `app`");
  expect_refused("name: s\ncases:\n  - name: a\n    command: [x, \"${y}\"]\n", 4,
                 "cases[0].command[1]", "${NAME} of a parameter");
  expect_refused(
      "name: s\ncases:\n  - name: a\n    command: [x, \"${y\"]\n    parameters: {y: 1}\n", 4,
      "cases[0].command[1]", "${NAME} references only");
  expect_refused("name: s\nenv:\n  LD_PRELOAD: /x.so\ncases: [{name: a, app: cg}]\n", 3,
                 "env.LD_PRELOAD", "a variable hpcpat does not own");
  expect_refused("name: s\nenv:\n  HPCPAT_OUTPUT: /x\ncases: [{name: a, app: cg}]\n", 3,
                 "env.HPCPAT_OUTPUT", "a variable hpcpat does not own");
  expect_refused("name: s\nenv:\n  HPCPAT_BOGUS: 1\ncases: [{name: a, app: cg}]\n", 3,
                 "env.HPCPAT_BOGUS", "no such hpcpat setting");
  expect_refused("name: s\nenv:\n  \"A-B\": 1\ncases: [{name: a, app: cg}]\n", 3, "env.A-B",
                 "a variable name");
  expect_refused("name: s\ntags:\n  run: x\ncases: [{name: a, app: cg}]\n", 3, "tags.run",
                 "a key other than study, case and run");
  expect_refused("name: s\ntags:\n  k: \"a,b\"\ncases: [{name: a, app: cg}]\n", 3, "tags.k",
                 "without ','");
  expect_refused("name: s\ncontainer: {image: x, runtime: docker}\ncases: [{name: a, app: cg}]\n",
                 2, "container.runtime", "one of podman, apptainer, singularity");
  expect_refused("name: s\ncontainer: {image: -v, runtime: podman}\ncases: [{name: a, app: cg}]\n",
                 2, "container.image", "not starting with '-'");
  // In a container the image's mpirun starts the ranks: one node, launcher mpirun or auto.
  expect_refused("name: s\nnodes: [1, 2]\ncontainer: {image: x, runtime: podman}\n"
                 "cases: [{name: a, app: cg}]\n",
                 3, "container", "single-node runs");
  expect_refused("name: s\ncases:\n  - {name: a, app: cg, nodes: [4],\n"
                 "     container: {image: x, runtime: podman}}\n",
                 4, "cases[0].container", "single-node runs");
  expect_refused("name: s\nlauncher: flux\ncontainer: {image: x, runtime: podman}\n"
                 "cases: [{name: a, app: cg}]\n",
                 3, "container", "launcher mpirun or auto");
  expect_refused("name: s\nlauncher: pbs\ncases: [{name: a, app: cg}]\n", 2, "launcher",
                 "one of auto, flux, mpirun, srun");
  expect_refused("name: s\nlauncher: {flux: {exclusive: yes}}\ncases: [{name: a, app: cg}]\n", 2,
                 "launcher.flux.exclusive", "true or false");
  expect_refused("name: s\nname: t\ncases: [{name: a, app: cg}]\n", 2, "name", "each key once");
  expect_refused("name: s\nnodes: [8192]\nranks_per_node: 4096\ncases: [{name: a, app: cg}]\n", 4,
                 "cases[0]", "at most 16777216 ranks");
}

TEST(StudySpec, ZipAndWeakAreChecked) {
  const std::string head = "name: s\n";
  expect_refused(head +
                     "cases:\n  - name: a\n    app: cg\n    parameters: {nx: [1, 2], ny: [1]}\n"
                     "    zip: [[nx, ny]]\n",
                 6, "cases[0].zip[0][1]", "2 values, as nx has");
  expect_refused(head +
                     "cases:\n  - name: a\n    app: cg\n    parameters: {nx: [1, 2]}\n"
                     "    zip: [[nx, nz]]\n",
                 6, "cases[0].zip[0][1]", "a parameter name");
  expect_refused(head +
                     "cases:\n  - name: a\n    app: cg\n    parameters: {nx: 4}\n"
                     "    weak: {nx: linear}\n",
                 6, "cases[0].weak", "no `weak` rules");
  expect_refused(
      head + "scaling: weak\ncases:\n  - name: a\n    app: cg\n    parameters: {nx: 4}\n", 4,
      "cases[0].weak", "the parameters that grow");
  expect_refused(head +
                     "scaling: weak\ncases:\n  - name: a\n    app: cg\n    parameters: {tol: 0.1}\n"
                     "    weak: {tol: linear}\n",
                 7, "cases[0].weak.tol", "an integer parameter");
  expect_refused(head +
                     "scaling: weak\ncases:\n  - name: a\n    app: cg\n    parameters: {nx: 4}\n"
                     "    weak: {nx: square}\n",
                 7, "cases[0].weak.nx", "one of linear, sqrt, cbrt");
}

TEST(StudySpec, FilesThatAreNotRegularOrTooBigAreRefused) {
  EXPECT_THROW(load_study("/dev/null/x.yaml"), InputError);
  try {
    load_study("/dev/zero");
    FAIL() << "accepted /dev/zero";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("/dev/zero"), std::string::npos) << e.what();
  }
  const std::string big = ::testing::TempDir() + "/big.yaml";
  {
    std::ofstream f(big);
    f << "name: s\ndescription: \"" << std::string(kMaxSpecBytes, 'x') << "\"\n";
  }
  EXPECT_THROW(load_study(big), InputError);
}

TEST(StudySpec, NamesAndReservedVariables) {
  EXPECT_TRUE(valid_name("a"));
  EXPECT_TRUE(valid_name("Run_1.v-2"));
  EXPECT_TRUE(valid_name(std::string(64, 'x')));
  for (const char *bad : {"", ".a", "-a", "a/b", "a..b", "a b", "a;b", "a$b", "a`b", "a\nb"}) {
    EXPECT_FALSE(valid_name(bad)) << bad;
  }
  EXPECT_FALSE(valid_name(std::string(65, 'x')));
  EXPECT_NE(why_reserved_env("LD_PRELOAD"), "");
  EXPECT_NE(why_reserved_env("HPCPAT_RUN_ID"), "");
  EXPECT_NE(why_reserved_env("HPCPAT_RESULTS"), "");
  EXPECT_EQ(why_reserved_env("HPCPAT_CALLSITES"), "");
  EXPECT_EQ(why_reserved_env("OMP_NUM_THREADS"), "");
}

}  // namespace
}  // namespace hpcpat::study
