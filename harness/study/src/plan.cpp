// Expanding a study spec into runs (plan.hpp gives the order and the naming rule).
#include "hpcpat/study/plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <set>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/study/builtin_apps.hpp"
#include "spec_values.hpp"

namespace hpcpat::study {
namespace {

// The name before ".n<nodes>.rep<k>" (at most 16 more bytes) is kept within this, so that every
// run name fits 128 bytes (contract::valid_run_id's limit, should a runner use it as the id).
constexpr std::size_t kMaxStem = 96;

// One axis of the cartesian product: a parameter alone, or a zip group (indices into the case's
// parameters), with the number of positions along it.
struct Axis {
  std::vector<std::size_t> params;
  std::size_t length = 1;
};

std::vector<Axis> axes_of(const CaseSpec &c) {
  std::vector<Axis> axes;
  std::set<std::string> done;
  for (std::size_t i = 0; i < c.parameters.size(); ++i) {
    const std::string &name = c.parameters[i].name;
    if (done.contains(name)) continue;
    Axis axis{{i}, c.parameters[i].values.size()};
    for (const std::vector<std::string> &group : c.zips) {
      if (std::find(group.begin(), group.end(), name) == group.end()) continue;
      axis.params.clear();
      for (std::size_t j = 0; j < c.parameters.size(); ++j) {
        if (std::find(group.begin(), group.end(), c.parameters[j].name) != group.end()) {
          axis.params.push_back(j);
        }
      }
    }
    for (const std::size_t j : axis.params) done.insert(c.parameters[j].name);
    axes.push_back(std::move(axis));
  }
  return axes;
}

constexpr std::size_t kSaturated = SIZE_MAX;

std::size_t saturating_mul(std::size_t a, std::size_t b) {
  if (a == 0 || b == 0) return 0;
  return a > kSaturated / b ? kSaturated : a * b;
}

std::size_t combinations(const CaseSpec &c) {
  std::size_t n = 1;
  for (const Axis &a : axes_of(c)) n = saturating_mul(n, a.length);
  return n;
}

bool safe_value(std::string_view v) {
  if (v.empty() || v.find("..") != std::string_view::npos) return false;
  for (const char c : v) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return true;
}

// "<case>.<p>-<v>..." with the parameters as declared (before weak scaling), hashed when long or
// unsafe (plan.hpp).
std::string parameter_part(const std::string &case_name, const std::vector<NameValue> &declared) {
  std::string part;
  bool safe = true;
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a 64
  for (const auto &[name, value] : declared) {
    part += "." + name + "-" + value;
    safe = safe && safe_value(value);
    for (const char c : name + "=" + value + "\n") {
      hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    }
  }
  if (!safe || case_name.size() + part.size() > kMaxStem) {
    char buf[24];
    std::snprintf(buf, sizeof buf, ".p%016llx", static_cast<unsigned long long>(hash));
    part = buf;
  }
  return case_name + part;
}

double growth(WeakRule rule, int nodes) {
  switch (rule) {
    case WeakRule::linear:
      return nodes;
    case WeakRule::sqrt:
      return std::sqrt(static_cast<double>(nodes));
    case WeakRule::cbrt:
      return std::cbrt(static_cast<double>(nodes));
  }
  return 1;
}

class Expander {
 public:
  explicit Expander(const StudySpec &s) : s_(s) {}

  void add_case(const CaseSpec &c, std::vector<PlannedRun> &out) {
    const std::vector<Axis> axes = axes_of(c);
    const std::size_t total = combinations(c);
    std::vector<std::size_t> pos(axes.size(), 0);
    for (std::size_t k = 0; k < total; ++k) {
      // Position k in mixed radix, the last axis fastest.
      std::size_t rest = k;
      for (std::size_t a = axes.size(); a-- > 0;) {
        pos[a] = rest % axes[a].length;
        rest /= axes[a].length;
      }
      std::vector<NameValue> declared(c.parameters.size());
      for (std::size_t a = 0; a < axes.size(); ++a) {
        for (const std::size_t p : axes[a].params) {
          declared[p] = {c.parameters[p].name, c.parameters[p].values[pos[a]]};
        }
      }
      const std::string stem = parameter_part(c.name, declared);
      for (const int nodes : c.nodes.value_or(s_.nodes)) {
        for (int r = 1; r <= c.repeats.value_or(s_.repeats); ++r) {
          out.push_back(run(c, declared, stem, nodes, r));
        }
      }
    }
  }

 private:
  const StudySpec &s_;

  std::vector<NameValue> scaled(const CaseSpec &c, std::vector<NameValue> values, int nodes,
                                const std::string &run_name) const {
    const BuiltinApp *app = c.app.empty() ? nullptr : find_builtin_app(c.app);
    for (const WeakParam &w : c.weak) {
      for (NameValue &nv : values) {
        if (nv.first != w.name) continue;
        const double v = std::round(std::stod(nv.second) * growth(w.rule, nodes));
        const AppParam *p = app ? find_param(*app, w.name) : nullptr;
        const double max = p ? p->max : 9.0e15;
        if (v > max) {
          throw InputError(s_.file + ": run " + run_name + ": weak scaling makes " + w.name + " " +
                           std::to_string(static_cast<long long>(v)) + " at " +
                           std::to_string(nodes) + " nodes; expected at most " +
                           std::to_string(static_cast<long long>(max)));
        }
        nv.second = std::to_string(static_cast<long long>(v));
      }
    }
    return values;
  }

  std::vector<std::string> argv(const CaseSpec &c, const PlannedRun &r) const {
    if (c.app.empty()) {
      std::vector<std::string> out;
      auto value = [&](std::string_view name) -> std::string {
        if (name == "nodes") return std::to_string(r.nodes);
        if (name == "ranks") return std::to_string(r.ranks);
        if (name == "ranks_per_node") return std::to_string(r.ranks_per_node);
        if (name == "threads") return std::to_string(r.threads);
        if (name == "repeat") return std::to_string(r.repeat);
        for (const auto &[n, v] : r.parameters) {
          if (n == name) return v;
        }
        return {};
      };
      for (const std::string &arg : c.command) out.push_back(substitute(arg, value));
      return out;
    }
    const BuiltinApp &app = *find_builtin_app(c.app);
    std::vector<std::string> out = {std::string(app.executable)};
    for (const auto &[name, value] : r.parameters) {
      const AppParam &p = *find_param(app, name);
      if (p.flag.empty()) {
        out.insert(out.begin() + 1, value);  // the positional (the kernel) comes first
      } else if (p.type == ParamType::flag) {
        if (value == "true") out.emplace_back(p.flag);
      } else {
        out.emplace_back(p.flag);
        out.push_back(value);
      }
    }
    return out;
  }

  PlannedRun run(const CaseSpec &c, const std::vector<NameValue> &declared, const std::string &stem,
                 int nodes, int repeat) const {
    PlannedRun r;
    r.study = s_.name;
    r.name = stem + ".n" + std::to_string(nodes) + ".rep" + std::to_string(repeat);
    r.case_name = c.name;
    r.app = c.app;
    r.builtin = !c.app.empty();
    r.parameters = scaled(c, declared, nodes, r.name);
    r.nodes = nodes;
    r.ranks_per_node = c.ranks_per_node.value_or(s_.ranks_per_node);
    r.ranks = nodes * r.ranks_per_node;
    r.threads = s_.threads_per_rank;
    r.repeat = repeat;
    r.argv = argv(c, r);
    r.env = s_.env;
    for (const NameValue &e : c.env) {
      auto same = std::find_if(r.env.begin(), r.env.end(),
                               [&](const NameValue &x) { return x.first == e.first; });
      if (same != r.env.end()) {
        same->second = e.second;
      } else {
        r.env.push_back(e);
      }
    }
    if (std::none_of(r.env.begin(), r.env.end(),
                     [](const NameValue &e) { return e.first == "OMP_NUM_THREADS"; })) {
      r.env.emplace_back("OMP_NUM_THREADS", std::to_string(r.threads));
    }
    r.timeout_s = c.timeout_s.value_or(s_.timeout_s);
    r.tags = {"study=" + s_.name, "case=" + c.name, "run=" + r.name};
    for (const auto &[k, v] : s_.tags) r.tags.push_back(k + "=" + v);
    r.container = c.container ? c.container : s_.container;
    return r;
  }
};

}  // namespace

std::size_t count_runs(const StudySpec &spec) {
  std::size_t total = 0;
  for (const CaseSpec &c : spec.cases) {
    std::size_t n = saturating_mul(combinations(c), c.nodes.value_or(spec.nodes).size());
    n = saturating_mul(n, static_cast<std::size_t>(c.repeats.value_or(spec.repeats)));
    total = n > kSaturated - total ? kSaturated : total + n;
  }
  return total;
}

Plan expand(const StudySpec &spec) {
  const std::size_t n = count_runs(spec);
  if (n > kMaxPlannedRuns) {
    const std::string count =
        n == kSaturated ? "more than " + std::to_string(n) : std::to_string(n);
    throw InputError(spec.file + ": the study expands to " + count + " runs; expected at most " +
                     std::to_string(kMaxPlannedRuns) + " (split it into several studies)");
  }
  Plan plan{spec.name, spec.file, spec.launcher, {}};
  plan.runs.reserve(n);
  Expander expander(spec);
  for (const CaseSpec &c : spec.cases) expander.add_case(c, plan.runs);
  // Names are unique by construction (case names are, and within a case the declared values and
  // node count and repeat are); a hash collision would be the one way to repeat one.
  std::set<std::string_view> names;
  for (const PlannedRun &r : plan.runs) {
    if (!names.insert(r.name).second) {
      throw InputError(spec.file + ": two runs would be named " + r.name +
                       "; expected distinct parameter values (rename a case)");
    }
  }
  return plan;
}

}  // namespace hpcpat::study
