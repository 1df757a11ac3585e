// The target spec reader: every field as typed data with exact values, the phases, the documented
// examples, and each kind of bad spec refused with one message naming file:line, the field path
// and what was expected.
#include "hpcpat/target/target_spec.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "hpcpat/base/input_error.hpp"

namespace hpcpat::target {
namespace {

std::string error_of(const std::string &yaml) {
  try {
    parse_target(yaml, "t.yaml");
  } catch (const InputError &e) {
    return e.what();
  }
  return "(accepted)";
}

// Each refusal: "t.yaml:LINE: FIELD: expected ..." (line 0: no line known) with the expectation
// and, when given, what was there instead.
void expect_refused(const std::string &yaml, int line, const std::string &field,
                    const std::string &expected_part, const std::string &got_part = "") {
  const std::string msg = error_of(yaml);
  const std::string where = line > 0 ? "t.yaml:" + std::to_string(line) : "t.yaml";
  const std::string head = where + ": " + field + ": expected ";
  EXPECT_EQ(msg.rfind(head, 0), 0u) << "message: " << msg << "\nwanted start: " << head;
  EXPECT_NE(msg.find(expected_part), std::string::npos) << msg;
  if (!got_part.empty()) {
    EXPECT_NE(msg.find(", got " + got_part), std::string::npos) << msg;
  }
  EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
}

// A spec of one group `g` (line 4) whose remaining lines, indented, start at line 5.
std::string one_group(const std::string &group_lines, const std::string &top = "") {
  return "ensemble: e1\ncluster: {nodes: 4}\ngroups:\n  - name: g\n" + group_lines + top;
}
// The group's body that is valid, one field a line (lines 5 to 8).
const std::string kJobs = "    jobs: 8\n";
const std::string kDurations = "    durations: {distribution: uniform, min_s: 20, max_s: 60}\n";
const std::string kPatterns = "    patterns: {halo: 1}\n";
const std::string kNodes = "    nodes: [1, 2]\n";
const std::string kValidGroup = kJobs + kDurations + kPatterns + kNodes;

TEST(TargetSpec, MinimalSpecTakesTheDefaults) {
  const TargetSpec s = parse_target(one_group(kValidGroup), "t.yaml");
  EXPECT_EQ(s.file, "t.yaml");
  EXPECT_EQ(s.ensemble, "e1");
  EXPECT_EQ(s.seed, 0u);
  EXPECT_EQ(s.cluster_nodes, 4);
  EXPECT_EQ(s.image, "");
  EXPECT_EQ(s.workdir, "");
  EXPECT_EQ(s.time_limit_factor, 2.0);
  ASSERT_EQ(s.groups.size(), 1u);
  const GroupSpec &g = s.groups[0];
  EXPECT_EQ(g.name, "g");
  EXPECT_FALSE(g.after.has_value());
  EXPECT_EQ(g.line, 4);
  EXPECT_EQ(g.work.kind, Work::Kind::jobs);
  EXPECT_EQ(g.work.jobs, 8);
  EXPECT_EQ(g.durations.shape, Durations::Shape::uniform);
  EXPECT_EQ(g.durations.min_s, 20.0);
  EXPECT_EQ(g.durations.max_s, 60.0);
  EXPECT_EQ(g.mix.kind, Mix::Kind::patterns);
  ASSERT_EQ(g.mix.entries.size(), 1u);
  EXPECT_EQ(g.mix.entries[0].name, "halo");
  EXPECT_EQ(g.mix.entries[0].weight, 1.0);
  EXPECT_EQ(g.nodes, (std::vector<int>{1, 2}));
  EXPECT_EQ(g.arrival.shape, Arrival::Shape::at_start);
  EXPECT_EQ(g.arrival.waves, 1);
  EXPECT_EQ(s.phase_of(g), 1);
}

const char *kFull = R"(ensemble: full.v1
seed: 9223372036854775807
cluster: {nodes: 16}
image: ghcr.io/x/hpcpat:google
workdir: /tmp/ensemble
time_limit: 3.5
groups:
  - name: sim
    jobs: 8
    durations: {distribution: fixed, seconds: 30}
    patterns: {halo: 0.6, allreduce-heavy: 0.4}
    nodes: [1, 2, 16]
    arrival: {shape: at_start}
  - name: train
    after: sim
    node_hours: 2.5
    durations: {distribution: lognormal, median_s: 40, sigma: 0.5, min_s: 10, max_s: 300}
    apps: {minimd: 1, cg: 2, my-case.v2: 0.25}
    nodes: [4]
    arrival: {shape: waves, count: 3, interval_s: 120}
  - name: post
    after: train
    makespan_s: 600
    durations: {distribution: empirical, values_s: [12, 3.5, 40]}
    patterns: {compute-bound: 1}
    nodes: [1]
    arrival: {shape: poisson, rate_per_minute: 6}
  - name: side
    after: sim
    jobs: 2
    durations:
      distribution: uniform
      min_s: 1e1
      max_s: +25
    patterns: {sync-imbalance-bound: 2, latency-bound-p2p: 1, bandwidth-bound-p2p: 1,
               alltoall-heavy: 1}
    nodes: [2, 8]
)";

TEST(TargetSpec, EveryFieldIsRead) {
  const TargetSpec s = parse_target(kFull, "t.yaml");
  EXPECT_EQ(s.ensemble, "full.v1");
  EXPECT_EQ(s.seed, 9223372036854775807u);
  EXPECT_EQ(s.cluster_nodes, 16);
  EXPECT_EQ(s.image, "ghcr.io/x/hpcpat:google");
  EXPECT_EQ(s.workdir, "/tmp/ensemble");
  EXPECT_EQ(s.time_limit_factor, 3.5);
  ASSERT_EQ(s.groups.size(), 4u);

  const GroupSpec &sim = s.groups[0];
  EXPECT_EQ(sim.line, 8);
  EXPECT_EQ(sim.work.kind, Work::Kind::jobs);
  EXPECT_EQ(sim.work.jobs, 8);
  EXPECT_EQ(sim.durations.shape, Durations::Shape::fixed);
  EXPECT_EQ(sim.durations.seconds, 30.0);
  EXPECT_EQ(sim.durations.min_s, 30.0);
  EXPECT_EQ(sim.durations.max_s, 30.0);
  ASSERT_EQ(sim.mix.entries.size(), 2u);  // in the spec's order
  EXPECT_EQ(sim.mix.entries[0].name, "halo");
  EXPECT_EQ(sim.mix.entries[0].weight, 0.6);
  EXPECT_EQ(sim.mix.entries[1].name, "allreduce-heavy");
  EXPECT_EQ(sim.mix.entries[1].weight, 0.4);
  EXPECT_EQ(sim.nodes, (std::vector<int>{1, 2, 16}));
  EXPECT_EQ(sim.arrival.shape, Arrival::Shape::at_start);

  const GroupSpec &train = s.groups[1];
  EXPECT_EQ(train.line, 14);
  EXPECT_EQ(train.after, "sim");
  EXPECT_EQ(train.work.kind, Work::Kind::node_hours);
  EXPECT_EQ(train.work.node_hours, 2.5);
  EXPECT_EQ(train.durations.shape, Durations::Shape::lognormal);
  EXPECT_EQ(train.durations.median_s, 40.0);
  EXPECT_EQ(train.durations.sigma, 0.5);
  EXPECT_EQ(train.durations.min_s, 10.0);
  EXPECT_EQ(train.durations.max_s, 300.0);
  EXPECT_EQ(train.mix.kind, Mix::Kind::apps);
  ASSERT_EQ(train.mix.entries.size(), 3u);
  EXPECT_EQ(train.mix.entries[0].name, "minimd");
  EXPECT_EQ(train.mix.entries[1].name, "cg");
  EXPECT_EQ(train.mix.entries[1].weight, 2.0);
  EXPECT_EQ(train.mix.entries[2].name, "my-case.v2");
  EXPECT_EQ(train.mix.entries[2].weight, 0.25);
  EXPECT_EQ(train.nodes, std::vector<int>{4});
  EXPECT_EQ(train.arrival.shape, Arrival::Shape::waves);
  EXPECT_EQ(train.arrival.waves, 3);
  EXPECT_EQ(train.arrival.interval_s, 120.0);

  const GroupSpec &post = s.groups[2];
  EXPECT_EQ(post.work.kind, Work::Kind::makespan);
  EXPECT_EQ(post.work.makespan_s, 600.0);
  EXPECT_EQ(post.durations.shape, Durations::Shape::empirical);
  EXPECT_EQ(post.durations.values_s, (std::vector<double>{12, 3.5, 40}));  // as written
  EXPECT_EQ(post.durations.min_s, 3.5);
  EXPECT_EQ(post.durations.max_s, 40.0);
  EXPECT_EQ(post.arrival.shape, Arrival::Shape::poisson);
  EXPECT_EQ(post.arrival.rate_per_minute, 6.0);

  const GroupSpec &side = s.groups[3];
  EXPECT_EQ(side.durations.shape, Durations::Shape::uniform);
  EXPECT_EQ(side.durations.min_s, 10.0);  // 1e1
  EXPECT_EQ(side.durations.max_s, 25.0);  // +25
  ASSERT_EQ(side.mix.entries.size(), 4u);
  EXPECT_EQ(side.mix.entries[0].name, "sync-imbalance-bound");
  EXPECT_EQ(side.mix.entries[3].name, "alltoall-heavy");
  EXPECT_EQ(side.nodes, (std::vector<int>{2, 8}));
}

TEST(TargetSpec, PhasesFollowAfter) {
  const TargetSpec s = parse_target(kFull, "t.yaml");
  EXPECT_EQ(s.phase_of(s.groups[0]), 1);  // sim
  EXPECT_EQ(s.phase_of(s.groups[1]), 2);  // train, after sim
  EXPECT_EQ(s.phase_of(s.groups[2]), 3);  // post, after train
  EXPECT_EQ(s.phase_of(s.groups[3]), 2);  // side, after sim
}

TEST(TargetSpec, PhaseOfAHandBuiltCycleIsRefusedNotLooped) {
  TargetSpec s;
  s.groups.resize(2);
  s.groups[0].name = "a";
  s.groups[0].after = "b";
  s.groups[1].name = "b";
  s.groups[1].after = "a";
  EXPECT_THROW(s.phase_of(s.groups[0]), std::invalid_argument);
  s.groups[1].after = "nowhere";
  EXPECT_THROW(s.phase_of(s.groups[0]), std::invalid_argument);
}

TEST(TargetSpec, DocumentAndTopLevelRefusals) {
  expect_refused("ensemble: e\ngroups: [\n", 3, "(document)", "well-formed YAML");
  expect_refused("- a\n- b\n", 1, "(document)", "a map with at least `ensemble`", "a list");
  expect_refused("", 0, "(document)", "a map", "nothing");
  expect_refused(one_group(kValidGroup, "bogus: 1\n"), 9, "bogus", "one of the keys ensemble,",
                 "the unknown key 'bogus'");
  expect_refused("ensemble: e\ngroups: []\n", 1, "cluster", "this field", "no such key");
  expect_refused("ensemble: ../x\ncluster: {nodes: 1}\ngroups: []\n", 1, "ensemble",
                 "a name of 1 to 64 characters", "'../x'");
  expect_refused("ensemble: \"a b\"\ncluster: {nodes: 1}\ngroups: []\n", 1, "ensemble", "a name");
  expect_refused(one_group(kValidGroup, "seed: -1\n"), 9, "seed",
                 "an integer from 0 to 9223372036854775807", "'-1'");
  expect_refused(one_group(kValidGroup, "seed: 9223372036854775808\n"), 9, "seed",
                 "an integer from 0 to 9223372036854775807");
  expect_refused("ensemble: e\ncluster: {nodes: 0}\ngroups: []\n", 2, "cluster.nodes",
                 "an integer from 1 to 65536", "'0'");
  expect_refused("ensemble: e\ncluster: {nodes: 2, gpus: 1}\ngroups: []\n", 2, "cluster.gpus",
                 "one of the keys nodes");
  expect_refused(one_group(kValidGroup, "time_limit: 0.5\n"), 9, "time_limit",
                 "a number from 1 to 100", "'0.5'");
  expect_refused(one_group(kValidGroup, "time_limit: .nan\n"), 9, "time_limit",
                 "a number from 1 to 100");
  expect_refused(one_group(kValidGroup, "time_limit: \"3\"\n"), 9, "time_limit", "a number");
  expect_refused(one_group(kValidGroup, "workdir: tmp/x\n"), 9, "workdir", "an absolute path");
  expect_refused(one_group(kValidGroup, "image: \"a b\"\n"), 9, "image",
                 "an image reference without whitespace");
  expect_refused("ensemble: e\ncluster: {nodes: 1}\ngroups: []\n", 3, "groups",
                 "a list of 1 to 64 entries", "a list of 0");
  expect_refused(one_group(kValidGroup + "    jobs: 9\n"), 9, "groups[0].jobs", "each key once");
}

TEST(TargetSpec, WorkRefusals) {
  const std::string rest = kDurations + kPatterns + kNodes;
  expect_refused(one_group(kJobs + "    node_hours: 2\n" + rest), 4, "groups[0]",
                 "exactly one of `jobs`, `node_hours` and `makespan_s`", "jobs, node_hours");
  expect_refused(one_group(rest), 4, "groups[0]", "exactly one of `jobs`", "none");
  expect_refused(one_group("    jobs: 0\n" + rest), 5, "groups[0].jobs",
                 "an integer from 1 to 100000", "'0'");
  expect_refused(one_group("    jobs: 2.5\n" + rest), 5, "groups[0].jobs", "an integer");
  expect_refused(one_group("    makespan_s: 3e6\n" + rest), 5, "groups[0].makespan_s",
                 "a number above 0 and at most 2592000", "'3e6'");
  expect_refused(one_group("    makespan_s: .inf\n" + rest), 5, "groups[0].makespan_s",
                 "a number above 0");
  expect_refused(one_group("    makespan_s: inf\n" + rest), 5, "groups[0].makespan_s",
                 "a number above 0");
  // 4 nodes for at most 30 days: 2880 node-hours.
  expect_refused(one_group("    node_hours: 3000\n" + rest), 5, "groups[0].node_hours",
                 "a number above 0 and at most 2880", "'3000'");
  expect_refused(one_group("    node_hours: -1\n" + rest), 5, "groups[0].node_hours",
                 "a number above 0");
  // The cap is over the whole ensemble: two groups of 60 000 jobs.
  const std::string two =
      "ensemble: e\ncluster: {nodes: 1}\ngroups:\n"
      "  - {name: a, jobs: 60000, durations: {distribution: fixed, seconds: 1},"
      " patterns: {halo: 1}, nodes: [1]}\n"
      "  - {name: b, jobs: 60000, durations: {distribution: fixed, seconds: 1},"
      " patterns: {halo: 1}, nodes: [1]}\n";
  expect_refused(two, 5, "groups[1].jobs", "at most 100000 jobs over all groups",
                 "120000 with this group's");
}

TEST(TargetSpec, DurationRefusals) {
  const auto with = [](const std::string &durations) {
    return one_group(kJobs + "    durations: " + durations + "\n" + kPatterns + kNodes);
  };
  expect_refused(with("{distribution: uniform, min_s: 20, max_s: 60, sigma: 1}"), 6,
                 "groups[0].durations.sigma",
                 "only the keys of distribution uniform (distribution, min_s, max_s)",
                 "'sigma', a key of distribution lognormal");
  expect_refused(with("{distribution: fixed, seconds: 5, colour: red}"), 6,
                 "groups[0].durations.colour", "only the keys of distribution fixed",
                 "the unknown key 'colour'");
  expect_refused(with("{distribution: normal, min_s: 1, max_s: 2}"), 6,
                 "groups[0].durations.distribution", "one of fixed, uniform, lognormal, empirical",
                 "'normal'");
  expect_refused(with("{min_s: 1, max_s: 2}"), 6, "groups[0].durations.distribution", "this field",
                 "no such key");
  expect_refused(with("uniform"), 6, "groups[0].durations", "a map with `distribution`");
  expect_refused(with("{distribution: uniform, min_s: 60, max_s: 60}"), 6,
                 "groups[0].durations.max_s", "a number above min_s (60)", "'60'");
  expect_refused(with("{distribution: uniform, min_s: 0, max_s: 60}"), 6,
                 "groups[0].durations.min_s", "a number above 0 and at most 2592000", "'0'");
  expect_refused(with("{distribution: uniform, min_s: 1}"), 6, "groups[0].durations.max_s",
                 "this field", "no such key");
  expect_refused(with("{distribution: lognormal, median_s: 5, sigma: 1, min_s: 10, max_s: 50}"), 6,
                 "groups[0].durations.median_s", "a number from min_s to max_s (10 to 50)", "'5'");
  expect_refused(with("{distribution: lognormal, median_s: 20, min_s: 10, max_s: 50}"), 6,
                 "groups[0].durations.sigma", "this field");
  expect_refused(with("{distribution: lognormal, median_s: 20, sigma: 0, min_s: 10, max_s: 50}"), 6,
                 "groups[0].durations.sigma", "a number above 0 and at most 10", "'0'");
  expect_refused(with("{distribution: fixed, seconds: \"30\"}"), 6, "groups[0].durations.seconds",
                 "a number above 0", "'30'");
  expect_refused(with("{distribution: fixed, seconds: -3}"), 6, "groups[0].durations.seconds",
                 "a number above 0");
  expect_refused(with("{distribution: fixed, seconds: 30s}"), 6, "groups[0].durations.seconds",
                 "a number above 0", "'30s'");
  expect_refused(with("{distribution: empirical, values_s: []}"), 6, "groups[0].durations.values_s",
                 "a list of 1 to 10000 entries");
  expect_refused(with("{distribution: empirical, values_s: [1, x]}"), 6,
                 "groups[0].durations.values_s[1]", "a number above 0", "'x'");
  expect_refused(one_group(kJobs + kPatterns + kNodes), 4, "groups[0].durations", "this field");
}

TEST(TargetSpec, MixRefusals) {
  const auto with = [](const std::string &mix) {
    return one_group(kJobs + kDurations + "    " + mix + "\n" + kNodes);
  };
  expect_refused(with("patterns: {halos: 1}"), 7, "groups[0].patterns.halos",
                 "a pattern label (compute-bound, latency-bound-p2p, bandwidth-bound-p2p, halo, "
                 "allreduce-heavy, alltoall-heavy, sync-imbalance-bound)",
                 "the unknown label 'halos'");
  expect_refused(one_group(kJobs + kDurations + kPatterns + "    apps: {cg: 1}\n" + kNodes), 4,
                 "groups[0]", "exactly one of `patterns` (labels) and `apps` (names)", "both");
  expect_refused(one_group(kJobs + kDurations + kNodes), 4, "groups[0]",
                 "exactly one of `patterns`", "neither");
  expect_refused(with("patterns: {}"), 7, "groups[0].patterns",
                 "a map of 1 to 64 pattern labels to weights", "a map of 0");
  expect_refused(with("apps: [cg]"), 7, "groups[0].apps", "a map of 1 to 64 app names to weights",
                 "a list");
  expect_refused(with("patterns: {halo: 0}"), 7, "groups[0].patterns.halo",
                 "a number above 0 and at most 1000000", "'0'");
  expect_refused(with("patterns: {halo: -0.5}"), 7, "groups[0].patterns.halo", "a number above 0");
  expect_refused(with("apps: {\"a/b\": 1}"), 7, "groups[0].apps.a/b", "an app or case name",
                 "'a/b'");
  expect_refused(with("apps: {cg: 1, cg: 2}"), 7, "groups[0].apps.cg", "each key once");
  // A key with a newline is shown escaped: the message stays one line (expect_refused checks).
  expect_refused(with("apps: {\"a\\nb\": 1}"), 7, "groups[0].apps.a\\nb", "an app or case name");
}

TEST(TargetSpec, NodeCountRefusals) {
  const auto with = [](const std::string &nodes) {
    return one_group(kJobs + kDurations + kPatterns + "    nodes: " + nodes + "\n");
  };
  expect_refused(with("[2, 1]"), 8, "groups[0].nodes[1]",
                 "a node count above 2 (ascending, each once)", "'1'");
  expect_refused(with("[2, 2]"), 8, "groups[0].nodes[1]", "a node count above 2");
  expect_refused(with("[1, 8]"), 8, "groups[0].nodes[1]",
                 "a node count of at most cluster.nodes (4)", "'8'");
  expect_refused(with("[0]"), 8, "groups[0].nodes[0]", "an integer from 1 to 65536");
  expect_refused(with("[]"), 8, "groups[0].nodes", "a list of 1 to 64 entries");
  expect_refused(with("2"), 8, "groups[0].nodes", "a list of 1 to 64 entries", "'2'");
}

TEST(TargetSpec, ArrivalRefusals) {
  const auto with = [](const std::string &arrival) {
    return one_group(kValidGroup + "    arrival: " + arrival + "\n");
  };
  expect_refused(with("{shape: waves, count: 9, interval_s: 10}"), 9, "groups[0].arrival.count",
                 "at most the group's jobs (8) waves", "'9'");
  expect_refused(with("{shape: waves, count: 2}"), 9, "groups[0].arrival.interval_s", "this field");
  expect_refused(
      with("{shape: poisson, rate_per_minute: 6, count: 2}"), 9, "groups[0].arrival.count",
      "only the keys of shape poisson (shape, rate_per_minute)", "'count', a key of shape waves");
  expect_refused(with("{shape: poisson, rate_per_minute: 0}"), 9,
                 "groups[0].arrival.rate_per_minute", "a number above 0 and at most 1000000");
  expect_refused(with("{shape: poisson, rate_per_minute: 0.00001}"), 9,
                 "groups[0].arrival.rate_per_minute",
                 "a rate whose mean gap (60 / rate_per_minute) is at most 2592000 s");
  expect_refused(with("{shape: burst}"), 9, "groups[0].arrival.shape",
                 "one of at_start, waves, poisson", "'burst'");
  expect_refused(with("{shape: waves, count: 3, interval_s: 2000000}"), 9,
                 "groups[0].arrival.interval_s", "the last wave at most 2592000 s after the first",
                 "4000000 s");
}

TEST(TargetSpec, GroupNamesAndAfter) {
  const std::string body =
      "    jobs: 1\n    durations: {distribution: fixed, seconds: 1}\n"
      "    patterns: {halo: 1}\n    nodes: [1]\n";
  const std::string head = "ensemble: e\ncluster: {nodes: 1}\ngroups:\n";
  // Group a's lines are 4 to 8, group b starts at line 9.
  const auto two = [&](const std::string &a_extra, const std::string &b_extra) {
    return head + "  - name: a\n" + body + a_extra + "  - name: b\n" + body + b_extra;
  };
  expect_refused(two("", "    after: nope\n"), 14, "groups[1].after",
                 "the name of a group listed before this one", "'nope' (no group has that name)");
  expect_refused(two("", "    after: b\n"), 14, "groups[1].after",
                 "the name of a group listed before this one", "'b' (this group itself)");
  expect_refused(two("    after: b\n", ""), 9, "groups[0].after",
                 "the name of a group listed before this one",
                 "'b' (a group listed after this one)");
  expect_refused(head + "  - name: a\n" + body + "  - name: a\n" + body, 9, "groups[1].name",
                 "a name no other group has", "'a' again");
  expect_refused(head + "  - name: x/y\n" + body, 4, "groups[0].name", "a name of 1 to 64");
  expect_refused(head + "  - name: a\n" + body + "    after: [b]\n", 9, "groups[0].after",
                 "a name of 1 to 64", "a list");
  expect_refused(head + "  - name: a\n" + body + "    colour: red\n", 9, "groups[0].colour",
                 "one of the keys name, after,", "the unknown key 'colour'");
  expect_refused(head + "  - " + body.substr(4), 4, "groups[0].name", "this field");
}

TEST(TargetSpec, FilesThatAreNotRegularOrTooBigAreRefused) {
  EXPECT_THROW(load_target("/dev/null/x.yaml"), InputError);
  try {
    load_target("/dev/zero");
    FAIL() << "accepted /dev/zero";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("/dev/zero"), std::string::npos) << e.what();
  }
  const std::string big = ::testing::TempDir() + "/big-target.yaml";
  {
    std::ofstream f(big);
    f << one_group(kValidGroup) << "# " << std::string(kMaxSpecBytes, 'x') << "\n";
  }
  EXPECT_THROW(load_target(big), InputError);
  const std::string bad = ::testing::TempDir() + "/bad-target.yaml";
  {
    std::ofstream f(bad);
    f << one_group(kValidGroup, "seed: x\n");
  }
  try {
    load_target(bad);
    FAIL() << "accepted " << bad;
  } catch (const InputError &e) {
    EXPECT_EQ(std::string(e.what()).rfind(bad + ":9: seed: expected an integer", 0), 0u)
        << e.what();
  }
}

// The documented examples load, with the values docs/synthesis.md describes.
TEST(TargetSpec, ExamplesLoad) {
  const std::string dir = std::string(HPCPAT_SOURCE_DIR) + "/docs/examples/synth/";
  const TargetSpec two = load_target(dir + "two-phase.yaml");
  ASSERT_EQ(two.groups.size(), 2u);
  EXPECT_EQ(two.groups[0].name, "simulation");
  EXPECT_EQ(two.groups[1].name, "training");
  EXPECT_EQ(two.phase_of(two.groups[0]), 1);
  EXPECT_EQ(two.phase_of(two.groups[1]), 2);
  EXPECT_EQ(two.groups[0].arrival.shape, Arrival::Shape::poisson);
  EXPECT_EQ(two.groups[1].durations.shape, Durations::Shape::fixed);

  const TargetSpec mix = load_target(dir + "mix.yaml");
  ASSERT_FALSE(mix.groups.empty());
  bool node_hours = false, lognormal = false, waves = false, patterns = false;
  for (const GroupSpec &g : mix.groups) {
    node_hours = node_hours || g.work.kind == Work::Kind::node_hours;
    lognormal = lognormal || g.durations.shape == Durations::Shape::lognormal;
    waves = waves || g.arrival.shape == Arrival::Shape::waves;
    patterns = patterns || (g.mix.kind == Mix::Kind::patterns && g.mix.entries.size() > 1);
  }
  EXPECT_TRUE(node_hours && lognormal && waves && patterns);
}

}  // namespace
}  // namespace hpcpat::target
