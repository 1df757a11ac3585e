// Pairing and judging (compare.hpp).
#include "hpcpat/compare/compare.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "hpcpat/base/input_error.hpp"

namespace hpcpat::compare {

std::string_view test_name(Test t) {
  return t == Test::welch ? "welch" : "mann-whitney";
}

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::regression:
      return "regression";
    case Verdict::improvement:
      return "improvement";
    case Verdict::no_change:
      return "no change";
    case Verdict::too_few_repeats:
      return "too few repeats";
  }
  return "no change";
}

namespace {

std::string percent(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", x * 100);
  return buf;
}

std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

}  // namespace

Verdict judge(std::size_t n_base, std::size_t n_next, std::optional<double> change, double p,
              bool higher_better, const CompareOptions &o, std::string *reason) {
  std::string why;
  Verdict v = Verdict::no_change;
  const std::size_t fewest = std::min(n_base, n_next);
  if (fewest < o.min_repeats) {
    v = Verdict::too_few_repeats;
    why = std::to_string(n_base) + " BASE and " + std::to_string(n_next) +
          " NEW repeats; --min-repeats is " + std::to_string(o.min_repeats);
  } else if (o.test == Test::mann_whitney && mann_whitney_min_p(n_base, n_next) >= o.alpha) {
    v = Verdict::too_few_repeats;
    why = "Mann-Whitney cannot reach p < " + number(o.alpha) + " with " + std::to_string(n_base) +
          " and " + std::to_string(n_next) + " repeats";
  } else if (!change) {
    why = "BASE's median is 0: no relative change";
  } else if (!(p < o.alpha)) {
    why = "p = " + number(p) + " >= alpha " + number(o.alpha);
  } else if (std::fabs(*change) < o.threshold) {
    why =
        "significant but " + percent(*change) + " is within the threshold " + percent(o.threshold);
  } else {
    const bool worse = higher_better ? *change < 0 : *change > 0;
    v = worse ? Verdict::regression : Verdict::improvement;
    why = percent(*change) + ", p = " + number(p);
  }
  if (reason) *reason = why;
  return v;
}

Comparison compare(const MeasurementSet &base, const MeasurementSet &next,
                   const CompareOptions &options) {
  if (base.metric != next.metric) {
    throw InputError("BASE '" + base.source + "' and NEW '" + next.source +
                     "' were read with different metrics; expected one metric for both");
  }
  Comparison c;
  c.base = &base;
  c.next = &next;
  c.options = options;
  std::map<std::string, const Series *> base_by_key;
  for (const Series &s : base.series) base_by_key.emplace(s.key, &s);
  std::map<std::string, bool> paired;
  const bool higher_better = higher_is_better(next.metric);
  for (const Series &n : next.series) {
    const auto found = base_by_key.find(n.key);
    if (found == base_by_key.end()) {
      c.only_next.push_back(&n);
      continue;
    }
    paired[n.key] = true;
    const Series &b = *found->second;
    PairResult r;
    r.base = &b;
    r.next = &n;
    if (!b.values.empty()) r.median_base = median(b.values);
    if (!n.values.empty()) r.median_next = median(n.values);
    if (r.median_base && r.median_next && *r.median_base != 0) {
      r.change = *r.median_next / *r.median_base - 1;
    }
    r.mann_whitney = mann_whitney(n.values, b.values);
    r.welch = welch_t(n.values, b.values);
    r.change_ci = bootstrap_relative_change(b.values, n.values, 1 - options.alpha,
                                            options.resamples, options.seed);
    r.p = options.test == Test::welch ? (r.welch.defined ? r.welch.p : 1.0) : r.mann_whitney.p;
    r.verdict =
        judge(b.values.size(), n.values.size(), r.change, r.p, higher_better, options, &r.reason);
    c.pairs.push_back(std::move(r));
  }
  for (const Series &b : base.series) {
    if (!paired.contains(b.key)) c.only_base.push_back(&b);
  }
  return c;
}

bool has_regression(const Comparison &c) {
  for (const PairResult &r : c.pairs) {
    if (r.verdict == Verdict::regression) return true;
  }
  return false;
}

}  // namespace hpcpat::compare
