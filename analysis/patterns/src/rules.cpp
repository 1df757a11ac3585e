// The label rules over kThresholds (rules.hpp; docs/patterns.md, "Labels").
#include <algorithm>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>

#include "hpcpat/patterns/rules.hpp"

namespace hpcpat::patterns {
namespace {

// One condition: the threshold row `id` applied to its feature; none when it does not hold.
std::optional<Evidence> holds(const Features &f, std::string_view id) {
  const Threshold &t = threshold(id);
  const double x = feature_value(f, t.feature);
  const bool ok = t.op == Op::at_least ? x >= t.value : x <= t.value;
  if (!ok) return std::nullopt;
  const double margin = t.value == 0 ? 1.0
                        : t.op == Op::at_least ? (x - t.value) / t.value
                                               : (t.value - x) / t.value;
  return Evidence{&t, x, std::min(1.0, 0.5 + margin / 2)};
}

// All of `ids` hold: the label with its weakest condition's confidence.
std::optional<LabelResult> all_of(const Features &f, Label label,
                                  std::initializer_list<std::string_view> ids) {
  LabelResult r{label, 1.0, {}};
  for (std::string_view id : ids) {
    std::optional<Evidence> e = holds(f, id);
    if (!e) return std::nullopt;
    r.confidence = std::min(r.confidence, e->confidence);
    r.evidence.push_back(*e);
  }
  return r;
}

// The strongest of the alternatives in `ids` that hold.
std::optional<Evidence> best_of(const Features &f, std::initializer_list<std::string_view> ids) {
  std::optional<Evidence> best;
  for (std::string_view id : ids) {
    std::optional<Evidence> e = holds(f, id);
    if (e && (!best || e->confidence > best->confidence)) best = e;
  }
  return best;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

const Threshold &threshold(std::string_view id) {
  for (const Threshold &t : kThresholds) {
    if (t.id == id) return t;
  }
  throw std::logic_error("no pattern threshold '" + std::string(id) + "'");
}

double feature_value(const Features &f, std::string_view feature) {
  if (feature == "ranks") return f.ranks;
  if (feature == "mpi_fraction_median") return f.mpi_fraction_median;
  if (feature == "p2p_share") return f.p2p_share;
  if (feature == "p2p_median_bytes") return f.p2p_median_bytes;
  if (feature == "allreduce_share") return f.allreduce_share;
  if (feature == "alltoall_share") return f.alltoall_share;
  if (feature == "allreduce_run_share") return f.allreduce_run_share;
  if (feature == "alltoall_run_share") return f.alltoall_run_share;
  if (feature == "barrier_share") return f.barrier_share;
  if (feature == "imbalance") return f.imbalance;
  if (feature == "partners_max") return f.matrix.partners_max;
  if (feature == "partner_fraction") {
    return f.ranks > 1 ? double(f.matrix.partners_max) / double(f.ranks - 1) : 0.0;
  }
  if (feature == "wrap_share") return f.matrix.wrap_share;
  if (feature == "reciprocity") return f.matrix.reciprocity;
  throw std::logic_error("no pattern feature '" + std::string(feature) + "'");
}

std::vector<LabelResult> classify(const Features &f) {
  std::vector<LabelResult> out;
  auto add = [&out](std::optional<LabelResult> r) {
    if (r) out.push_back(std::move(*r));
  };
  const std::optional<LabelResult> compute =
      all_of(f, Label::compute_bound, {"compute.max_mpi_fraction"});
  add(compute);

  // The shape: two-way point-to-point traffic between few partners. The guards are kept as
  // evidence but do not score (rules.hpp).
  if (f.matrix.messages > 0) {
    std::optional<LabelResult> halo = all_of(
        f, Label::halo, {"halo.min_p2p_share", "halo.max_partners", "halo.min_reciprocity"});
    std::optional<Evidence> few = best_of(f, {"halo.few_partners", "halo.max_partner_fraction"});
    std::optional<Evidence> two = f.ranks >= 3 ? holds(f, "halo.min_partners")
                                               : std::optional<Evidence>(Evidence{});
    if (halo && few && two) {
      halo->evidence.push_back(*few);
      if (two->threshold) halo->evidence.push_back(*two);
      if (std::optional<Evidence> shape = holds(f, "halo.shape_min_ranks")) {
        halo->evidence.push_back(*shape);
      } else {
        halo->confidence = std::min(halo->confidence, 0.5);
      }
      add(halo);
    }
  }

  // What the communication is made of, when it is a measurable part of the run (guarded).
  for (auto [label, share, run_share] :
       {std::tuple{Label::allreduce_heavy, "allreduce.min_share", "allreduce.min_run_share"},
        std::tuple{Label::alltoall_heavy, "alltoall.min_share", "alltoall.min_run_share"}}) {
    std::optional<LabelResult> r = all_of(f, label, {share});
    std::optional<Evidence> enough = holds(f, run_share);
    if (r && enough) {
      r->evidence.push_back(*enough);
      add(r);
    }
  }

  // What limits the run: only when there is enough MPI time to be bound by.
  if (!compute) {
    if (f.p2p_median_bytes > 0) {
      add(all_of(f, Label::latency_bound_p2p, {"p2p.min_share", "latency.max_median_bytes"}));
      add(all_of(f, Label::bandwidth_bound_p2p, {"p2p.min_share", "bandwidth.min_median_bytes"}));
    }
    if (std::optional<Evidence> sync = best_of(f, {"sync.min_barrier_share", "sync.min_imbalance"})) {
      out.push_back({Label::sync_bound, sync->confidence, {*sync}});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const LabelResult &a, const LabelResult &b) {
    return a.confidence > b.confidence;
  });
  return out;
}

std::string thresholds_markdown() {
  std::string md = "| threshold | label | rule | unit | scored | why |\n|---|---|---|---|---|---|\n";
  for (const Threshold &t : kThresholds) {
    md += "| `" + std::string(t.id) + "` | " + std::string(t.label) + " | `" +
          std::string(t.feature) + (t.op == Op::at_least ? " >= " : " <= ") + number(t.value) +
          "` | " + std::string(t.unit) + " | " + (t.guard ? "guard" : "yes") + " | " +
          std::string(t.why) + " |\n";
  }
  return md;
}

}  // namespace hpcpat::patterns
