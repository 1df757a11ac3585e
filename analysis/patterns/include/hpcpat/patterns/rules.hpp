// The labels a run's communication pattern gets, from documented rules over its features
// (features.hpp). Every threshold lives in kThresholds, the one table; docs/patterns.md states
// each one and why, and the ctest `patterns.thresholds_doc` holds the two together
// (`hpcpat patterns --thresholds-markdown` prints the table the document must contain).
//
// How labels combine (docs/patterns.md, "Labels"): every rule that holds gives its label, so a
// run can carry several (cg: halo + allreduce-heavy). `halo` describes the shape of the
// point-to-point traffic and the -heavy labels (allreduce, alltoall) what the communication is
// made of: they stand beside any other label. The -bound labels say what limits the run:
// latency- and bandwidth-bound point-to-point and synchronisation/imbalance are given only when
// the run is not compute-bound.
//
// Confidence: each condition `feature op threshold` that holds scores 0.5 + r/2, capped at 1, where
// r is its relative margin ((x − t)/t for ≥, (t − x)/t for ≤): 0.5 on the threshold, 1.0 at twice
// it (≥) or at zero (≤). A label's confidence is its weakest scored condition's score (conditions
// joined by "and"), or the strongest of the alternatives that hold ("or"); guards must hold but
// are not scored.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "hpcpat/patterns/features.hpp"

namespace hpcpat::patterns {

enum class Label {
  compute_bound,
  latency_bound_p2p,
  bandwidth_bound_p2p,
  halo,
  allreduce_heavy,
  alltoall_heavy,
  sync_bound,
};

inline constexpr std::array<std::string_view, 7> kLabelNames = {
    "compute-bound",  "latency-bound-p2p", "bandwidth-bound-p2p", "halo",
    "allreduce-heavy", "alltoall-heavy",   "sync-imbalance-bound"};

constexpr std::string_view label_name(Label l) { return kLabelNames[static_cast<std::size_t>(l)]; }

enum class Op { at_least, at_most };

struct Threshold {
  std::string_view id;       // "halo.max_partners"
  std::string_view label;    // the label whose rule uses it (or "features")
  std::string_view feature;  // the feature's JSON name (features_json)
  Op op;
  double value;
  std::string_view unit;
  std::string_view why;  // one line; docs/patterns.md says more
  // A guard must hold for the label but does not score its confidence: it only rules out what
  // the label is not (an all-to-all through sends is not a halo).
  bool guard = false;
};

// THE table. Change a value here and in docs/patterns.md together (the ctest says when not).
inline constexpr std::array<Threshold, 17> kThresholds = {{
    {"compute.max_mpi_fraction", "compute-bound", "mpi_fraction_median", Op::at_most, 0.25,
     "fraction", "below a quarter of the time in MPI, even free communication saves < 25%"},
    {"p2p.min_share", "latency-bound-p2p, bandwidth-bound-p2p", "p2p_share", Op::at_least, 0.5,
     "fraction", "point-to-point and its waits are most of the communication time"},
    {"latency.max_median_bytes", "latency-bound-p2p", "p2p_median_bytes", Op::at_most, 8192,
     "bytes", "within the eager limits (4-64 KiB): the per-message latency dominates"},
    {"bandwidth.min_median_bytes", "bandwidth-bound-p2p", "p2p_median_bytes", Op::at_least, 65536,
     "bytes", "n/bandwidth exceeds the latency on any fabric (64 KiB at 10 GB/s: 6.5 us)"},
    {"halo.min_p2p_share", "halo", "p2p_share", Op::at_least, 0.3, "fraction",
     "the neighbour exchange is a real part of the communication (cg: 0.4 beside allreduce)"},
    {"halo.max_partners", "halo", "partners_max", Op::at_most, 26, "ranks",
     "a 3D 27-point stencil's neighbours; more is no longer a neighbourhood"},
    {"halo.min_reciprocity", "halo", "reciprocity", Op::at_least, 0.5, "fraction",
     "a halo is exchanged both ways; a one-way stream (a bandwidth test) is not one"},
    {"halo.few_partners", "halo", "partners_max", Op::at_most, 2, "ranks",
     "one or two partners (a chain, a ring) is a neighbourhood at any rank count", true},
    {"halo.max_partner_fraction", "halo", "partner_fraction", Op::at_most, 0.5, "fraction",
     "else at most half the other ranks: an all-to-all through sends is not a halo", true},
    {"halo.min_partners", "halo", "partners_max", Op::at_least, 2, "ranks",
     "from 3 ranks on, some rank has two neighbours: disjoint pairs are not a halo", true},
    {"halo.shape_min_ranks", "halo", "ranks", Op::at_least, 3, "ranks",
     "below it any two-way exchange is between neighbours: no evidence, confidence capped at 0.5",
     true},
    {"allreduce.min_share", "allreduce-heavy", "allreduce_share", Op::at_least, 0.3, "fraction",
     "a third of the communication in one collective makes it the thing to tune"},
    {"allreduce.min_run_share", "allreduce-heavy", "allreduce_run_share", Op::at_least, 0.05,
     "fraction", "and at least 5% of the run: else no communication pattern matters", true},
    {"alltoall.min_share", "alltoall-heavy", "alltoall_share", Op::at_least, 0.3, "fraction",
     "a third of the communication in transposes (all-to-all)"},
    {"alltoall.min_run_share", "alltoall-heavy", "alltoall_run_share", Op::at_least, 0.05,
     "fraction", "and at least 5% of the run: else no communication pattern matters", true},
    {"sync.min_barrier_share", "sync-imbalance-bound", "barrier_share", Op::at_least, 0.5,
     "fraction", "half the communication is barriers: ranks wait for each other"},
    {"sync.min_imbalance", "sync-imbalance-bound", "imbalance", Op::at_least, 1.5, "ratio",
     "the busiest rank's MPI time is 1.5x the mean: the others wait for the slowest"},
}};

// The row named `id` (a programming error when absent: std::logic_error).
const Threshold &threshold(std::string_view id);

// A feature by the name the thresholds use; std::logic_error for an unknown name.
double feature_value(const Features &f, std::string_view feature);

struct Evidence {
  const Threshold *threshold = nullptr;
  double value = 0;       // the feature's value
  double confidence = 0;  // this condition's score
};

struct LabelResult {
  Label label = Label::compute_bound;
  double confidence = 0;
  std::vector<Evidence> evidence;  // the conditions that decided it
};

// Every label whose rule holds, by confidence (descending), ties in Label order.
std::vector<LabelResult> classify(const Features &f);

// The table as Markdown, exactly as docs/patterns.md must contain it.
std::string thresholds_markdown();

}  // namespace hpcpat::patterns
