// The label rules (rules.hpp, docs/patterns.md "Labels"): each label on features built to pass or
// miss its thresholds, the confidence as documented, how labels combine, and the table itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "hpcpat/patterns/rules.hpp"

namespace hpcpat::patterns {
namespace {

// Communication-heavy features with nothing that fires on its own.
Features base(int ranks = 8) {
  Features f;
  f.ranks = ranks;
  f.mpi_fraction_median = 0.6;
  f.imbalance = 1.0;
  f.allreduce_run_share = f.alltoall_run_share = 0.1;  // the families are 10% of the run
  return f;
}

// A ring's matrix (two partners, exchanged both ways) on `f.ranks` ranks.
Features &ring(Features &f) {
  f.matrix.messages = 100;
  f.matrix.partners_max = 2;
  f.matrix.partners_mean = 2;
  f.matrix.reciprocity = 1.0;
  return f;
}

const LabelResult *find(const std::vector<LabelResult> &labels, Label l) {
  for (const LabelResult &r : labels) {
    if (r.label == l) return &r;
  }
  return nullptr;
}

std::set<Label> labels_of(const Features &f) {
  std::set<Label> out;
  for (const LabelResult &r : classify(f)) out.insert(r.label);
  return out;
}

TEST(PatternRules, NothingFiresOnPlainFeatures) { EXPECT_TRUE(classify(base()).empty()); }

TEST(PatternRules, ComputeBoundWithItsMarginAndNoBoundLabels) {
  Features f = base();
  f.mpi_fraction_median = 0.1;
  f.allreduce_share = 0.9;
  f.allreduce_run_share = 0.04;  // the little MPI time there is: under 5% of the run
  f.p2p_share = 0.9;  // nor is a compute-bound run latency-bound
  f.p2p_median_bytes = 8;
  f.barrier_share = 0.9;
  const std::vector<LabelResult> labels = classify(f);
  ASSERT_EQ(labels.size(), 1u);
  EXPECT_EQ(labels[0].label, Label::compute_bound);
  // (0.25 - 0.1) / 0.25 = 0.6: 0.5 + 0.3.
  EXPECT_DOUBLE_EQ(labels[0].confidence, 0.8);
  ASSERT_EQ(labels[0].evidence.size(), 1u);
  EXPECT_EQ(labels[0].evidence[0].threshold->id, "compute.max_mpi_fraction");
  EXPECT_DOUBLE_EQ(labels[0].evidence[0].value, 0.1);
  f.allreduce_run_share = 0.06;  // a composition label stands beside compute-bound
  EXPECT_EQ(labels_of(f), (std::set<Label>{Label::compute_bound, Label::allreduce_heavy}));
  f.allreduce_run_share = 0.04;
  f.mpi_fraction_median = 0.25;  // on the threshold: holds, at 0.5
  EXPECT_DOUBLE_EQ(classify(f)[0].confidence, 0.5);
  f.mpi_fraction_median = 0.26;
  EXPECT_FALSE(find(classify(f), Label::compute_bound));
}

TEST(PatternRules, LatencyAndBandwidthBoundByMedianMessage) {
  Features f = base();
  f.p2p_share = 0.9;
  f.p2p_median_bytes = 32;
  const std::vector<LabelResult> small = classify(f);
  const LabelResult *lat = find(small, Label::latency_bound_p2p);
  ASSERT_TRUE(lat);
  // Weakest condition: p2p share (0.9 - 0.5) / 0.5 = 0.8 -> 0.9; size (8192 - 32) / 8192 -> 0.998.
  EXPECT_DOUBLE_EQ(lat->confidence, 0.9);
  EXPECT_EQ(lat->evidence.size(), 2u);
  EXPECT_FALSE(find(small, Label::bandwidth_bound_p2p));

  f.p2p_median_bytes = 512 * 1024;
  EXPECT_EQ(labels_of(f), std::set<Label>{Label::bandwidth_bound_p2p});
  f.p2p_median_bytes = 16384;  // between the limits: neither
  EXPECT_TRUE(labels_of(f).empty());
  f.p2p_median_bytes = 32;
  f.p2p_share = 0.4;  // p2p not most of the communication
  EXPECT_TRUE(labels_of(f).empty());
}

TEST(PatternRules, HaloOnARingButNotOnDisjointPairsDenseOrOneWayTraffic) {
  Features f = base(8);
  f.p2p_share = 0.9;
  ring(f);
  const std::vector<LabelResult> labels = classify(f);
  const LabelResult *halo = find(labels, Label::halo);
  ASSERT_TRUE(halo);
  // Scored: p2p 0.9 vs 0.3 -> 1; partners (26 - 2) / 26 -> 0.96; reciprocity 1 vs 0.5 -> 1.
  EXPECT_NEAR(halo->confidence, 0.5 + (24.0 / 26.0) / 2, 1e-12);

  Features pairs = f;  // each rank one partner, 4 ranks: disjoint pairs (a multi-pair test)
  pairs.ranks = 4;
  pairs.matrix.partners_max = 1;
  EXPECT_FALSE(find(classify(pairs), Label::halo));

  Features dense = f;  // 7 partners of 7: an all-to-all through sends
  dense.matrix.partners_max = 7;
  EXPECT_FALSE(find(classify(dense), Label::halo));
  dense.ranks = 64;  // 7 of 63 is a neighbourhood (fewer than half)
  EXPECT_TRUE(find(classify(dense), Label::halo));
  dense.matrix.partners_max = 27;  // beyond a 27-point stencil
  EXPECT_FALSE(find(classify(dense), Label::halo));

  Features stream = f;
  stream.matrix.reciprocity = 0.01;
  EXPECT_FALSE(find(classify(stream), Label::halo));

  Features none = f;
  none.matrix.messages = 0;
  EXPECT_FALSE(find(classify(none), Label::halo));
}

TEST(PatternRules, HaloAtTwoRanksIsCappedAtHalf) {
  Features f = base(2);
  f.p2p_share = 0.9;
  ring(f).matrix.partners_max = 1;
  const std::vector<LabelResult> labels = classify(f);
  const LabelResult *halo = find(labels, Label::halo);
  ASSERT_TRUE(halo);
  EXPECT_DOUBLE_EQ(halo->confidence, 0.5);
}

TEST(PatternRules, HaloStandsBesideTimeLabelsAndComputeBound) {
  Features cg = base(8);  // cg: halo exchange plus dot-product allreduces
  cg.p2p_share = 0.4;
  cg.allreduce_share = 0.6;
  ring(cg);
  EXPECT_EQ(labels_of(cg), (std::set<Label>{Label::halo, Label::allreduce_heavy}));
  const std::vector<LabelResult> labels = classify(cg);
  EXPECT_EQ(labels[0].label, Label::allreduce_heavy);  // by confidence: 1.0 before 0.67
  EXPECT_GE(labels[0].confidence, labels[1].confidence);

  cg.mpi_fraction_median = 0.05;
  cg.allreduce_run_share = 0.6 * 0.05;  // the allreduces are 3% of the run: no longer a pattern
  EXPECT_EQ(labels_of(cg), (std::set<Label>{Label::compute_bound, Label::halo}));
}

TEST(PatternRules, CollectiveHeavy) {
  Features f = base();
  f.alltoall_share = 0.45;
  EXPECT_EQ(labels_of(f), std::set<Label>{Label::alltoall_heavy});
  EXPECT_DOUBLE_EQ(classify(f)[0].confidence, 0.5 + 0.5 / 2);  // (0.45 - 0.3) / 0.3 = 0.5
  f.allreduce_share = 0.3;
  EXPECT_EQ(labels_of(f), (std::set<Label>{Label::alltoall_heavy, Label::allreduce_heavy}));
  f.alltoall_share = 0.29;
  EXPECT_EQ(labels_of(f), std::set<Label>{Label::allreduce_heavy});
  f.allreduce_run_share = 0.049;  // a third of almost nothing (guard: not scored when it holds)
  EXPECT_TRUE(labels_of(f).empty());
}

TEST(PatternRules, SyncTakesTheStrongerOfBarriersAndImbalance) {
  Features f = base();
  f.barrier_share = 0.6;  // (0.6 - 0.5) / 0.5 = 0.2 -> 0.6
  ASSERT_EQ(labels_of(f), std::set<Label>{Label::sync_bound});
  EXPECT_DOUBLE_EQ(classify(f)[0].confidence, 0.6);
  EXPECT_EQ(classify(f)[0].evidence[0].threshold->id, "sync.min_barrier_share");
  f.imbalance = 3.0;  // (3 - 1.5) / 1.5 = 1 -> 1.0
  EXPECT_DOUBLE_EQ(classify(f)[0].confidence, 1.0);
  EXPECT_EQ(classify(f)[0].evidence[0].threshold->id, "sync.min_imbalance");
  f.barrier_share = 0.1;
  f.imbalance = 1.4;
  EXPECT_TRUE(labels_of(f).empty());
}

TEST(PatternThresholds, TheTableIsWellFormed) {
  std::set<std::string_view> ids;
  const Features f = base();
  for (const Threshold &t : kThresholds) {
    EXPECT_TRUE(ids.insert(t.id).second) << "duplicate " << t.id;
    EXPECT_NO_THROW(feature_value(f, t.feature)) << t.id;
    EXPECT_FALSE(t.why.empty()) << t.id;
    EXPECT_GT(t.value, 0) << t.id;  // relative margins divide by it
    EXPECT_EQ(&threshold(t.id), &t);
  }
  EXPECT_THROW(threshold("no.such"), std::logic_error);
  EXPECT_THROW(feature_value(f, "no_such"), std::logic_error);
  // One Markdown row per threshold, after the header and the rule line.
  const std::string md = thresholds_markdown();
  EXPECT_EQ(std::count(md.begin(), md.end(), '\n'), long(kThresholds.size() + 2));
  EXPECT_NE(md.find("| `halo.max_partners` | halo | `partners_max <= 26` | ranks | yes |"),
            std::string::npos);
}

}  // namespace
}  // namespace hpcpat::patterns
