// Groups of a target spec made into planned jobs (planner.hpp): the whole-group check first, then
// the seeded draws, the model's inversion per job, and the arrivals.
#include "hpcpat/planner/planner.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "draws.hpp"
#include "hpcpat/base/input_error.hpp"

namespace hpcpat::planner {
namespace {

using target::Durations;
using target::GroupSpec;
using target::Mix;
using target::TargetSpec;

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string where(const TargetSpec &spec, const GroupSpec &g, std::size_t index,
                  const std::string &field) {
  return spec.file + ":" + std::to_string(g.line) + ": groups[" + std::to_string(index) + "]." +
         field;
}

bool matches(const Candidate &c, const Mix &mix, const std::string &entry) {
  if (mix.kind == Mix::Kind::apps) return c.case_name == entry || c.app == entry;
  return std::find(c.labels.begin(), c.labels.end(), entry) != c.labels.end();
}

bool allowed(const GroupSpec &g, int nodes) {
  return std::find(g.nodes.begin(), g.nodes.end(), nodes) != g.nodes.end();
}

// The configurations a job of `entry` may be made of in group `g`: for a pattern, those where it
// is the primary label (what limits or makes up most of the run) when there are any, else those
// where it is one of the labels (cg beside stencil: both exchange halos, but cg's primary label
// is allreduce-heavy or compute-bound).
std::vector<const Candidate *> of_entry(std::span<const Candidate> all, const GroupSpec &g,
                                        const std::string &entry) {
  std::vector<const Candidate *> any, primary;
  for (const Candidate &c : all) {
    if (!allowed(g, c.nodes) || !matches(c, g.mix, entry)) continue;
    any.push_back(&c);
    if (g.mix.kind == Mix::Kind::patterns && c.labels.front() == entry) primary.push_back(&c);
  }
  return primary.empty() ? any : primary;
}

// What the measurements offer, for messages: each configuration with its labels and reach.
std::string available(std::span<const Candidate> all, const std::vector<std::string> &unfitted) {
  std::string s;
  for (const Candidate &c : all) {
    std::string labels;
    for (const std::string &l : c.labels) labels += (labels.empty() ? "" : ", ") + l;
    s += "\n  " + c.describe() + " [" + (labels.empty() ? "no labels: not classified" : labels) +
         "]";
  }
  if (all.empty()) s += "\n  (no measured case could be modelled)";
  for (const std::string &u : unfitted) s += "\n  not modelled: " + u;
  return s;
}

// The durations a group may draw, as intervals: [min, max] for the continuous shapes, each value
// for fixed and empirical.
std::vector<std::pair<double, double>> drawable(const Durations &d) {
  switch (d.shape) {
    case Durations::Shape::fixed: return {{d.seconds, d.seconds}};
    case Durations::Shape::empirical: {
      std::vector<std::pair<double, double>> v;
      for (const double x : d.values_s) v.emplace_back(x, x);
      return v;
    }
    default: return {{d.min_s, d.max_s}};
  }
}

// True when the configurations' reaches together cover [lo, hi].
bool covered(std::vector<const Candidate *> cs, double lo, double hi) {
  std::sort(cs.begin(), cs.end(),
            [](const Candidate *a, const Candidate *b) { return a->shortest_s < b->shortest_s; });
  double reached = lo;
  bool started = false;
  for (const Candidate *c : cs) {
    if (c->shortest_s > reached) break;  // a gap (or nothing yet reaches lo)
    started = started || c->longest_s >= lo;
    reached = std::max(reached, c->longest_s);
    if (started && reached >= hi) return true;
  }
  return false;
}

void check_group(const PlanInputs &in, const GroupSpec &g, std::size_t index) {
  const TargetSpec &spec = *in.spec;
  const std::string field = g.mix.kind == Mix::Kind::apps ? "apps" : "patterns";
  for (const target::MixEntry &e : g.mix.entries) {
    const std::vector<const Candidate *> cs = of_entry(in.candidates, g, e.name);
    std::string nodes;
    for (const int n : g.nodes) nodes += (nodes.empty() ? "" : ", ") + std::to_string(n);
    if (cs.empty())
      throw InputError(where(spec, g, index, field + "." + e.name) + ": no measured case " +
                       (g.mix.kind == Mix::Kind::apps ? "or app named '" + e.name + "'"
                                                      : "has the pattern '" + e.name + "'") +
                       " at nodes [" + nodes + "]; what was measured:" +
                       available(in.candidates, in.unfitted));
    for (const auto &[lo, hi] : drawable(g.durations)) {
      if (covered(cs, lo, hi)) continue;
      std::string reach;
      for (const Candidate *c : cs) reach += "\n  " + c->describe();
      throw InputError(
          where(spec, g, index, "durations") + ": jobs of '" + e.name + "' must last " +
          (lo == hi ? number(lo) : number(lo) + " .. " + number(hi)) +
          " s, but its measured cases reach only:" + reach +
          "\n(ask for durations inside these, or measure the cases with a wider range of their "
          "duration knob: a model predicts from half its smallest to twice its largest value)");
    }
  }
}

double draw_duration(const Durations &d, Draws &draws) {
  switch (d.shape) {
    case Durations::Shape::fixed: return d.seconds;
    case Durations::Shape::uniform: return draws.uniform(d.min_s, d.max_s);
    case Durations::Shape::empirical: return d.values_s[draws.index(d.values_s.size())];
    case Durations::Shape::lognormal:
      // Truncated to [min, max] by drawing again; min <= median <= max keeps the acceptance
      // rate reasonable, and the bound on tries keeps a pathological spec from spinning.
      for (int i = 0; i < 10000; ++i) {
        const double x = d.median_s * std::exp(d.sigma * draws.standard_normal());
        if (x >= d.min_s && x <= d.max_s) return x;
      }
      return d.median_s;
  }
  return d.seconds;
}

// The job's duration knob set to the inverted value, in the type the runs gave it.
nlohmann::json with_knob(nlohmann::json params, const std::string &knob, double value) {
  const bool whole = value == std::floor(value);
  const nlohmann::json old = params.contains(knob) ? params[knob] : nlohmann::json();
  if (old.is_string())
    params[knob] = whole ? std::to_string(static_cast<long long>(value)) : number(value);
  else if (whole)
    params[knob] = static_cast<long long>(value);
  else
    params[knob] = value;
  return params;
}

std::string job_name(const GroupSpec &g, std::size_t i, std::size_t count) {
  const std::size_t width = std::max<std::size_t>(3, std::to_string(count).size());
  std::string num = std::to_string(i + 1);
  num.insert(0, width - std::min(width, num.size()), '0');
  return g.name + "-" + num;
}

emit::PlannedJob make_job(const PlanInputs &in, const GroupSpec &g, std::size_t index,
                          Draws &draws) {
  const TargetSpec &spec = *in.spec;
  std::vector<double> weights;
  for (const target::MixEntry &e : g.mix.entries) weights.push_back(e.weight);
  const target::MixEntry &entry = g.mix.entries[draws.weighted(weights)];
  const double target_s = draw_duration(g.durations, draws);

  std::vector<const Candidate *> fit;
  std::set<int> node_counts;
  for (const Candidate *c : of_entry(in.candidates, g, entry.name)) {
    if (c->shortest_s <= target_s && target_s <= c->longest_s) {
      fit.push_back(c);
      node_counts.insert(c->nodes);
    }
  }
  if (fit.empty())  // check_group makes this unreachable but for rounding at the very edges
    throw InputError(where(spec, g, index, "durations") + ": no measured case of '" +
                     entry.name + "' reaches " + number(target_s) + " s");
  const int nodes = *std::next(node_counts.begin(),
                               static_cast<std::ptrdiff_t>(draws.index(node_counts.size())));
  std::erase_if(fit, [&](const Candidate *c) { return c->nodes != nodes; });
  const Candidate &c = *fit[draws.index(fit.size())];

  const models::ModelQuery at{std::nullopt, c.size, static_cast<double>(c.nodes)};
  const models::Inversion inv = models::invert(*c.model, target_s, at);

  emit::PlannedJob job;
  job.app = c.app;
  job.parameters = with_knob(c.parameters, c.duration_knob, inv.duration);
  job.nodes = c.nodes;
  job.tasks_per_node = c.ranks_per_node;
  job.cores_per_task = c.threads;
  job.predicted_s = inv.at.wall_s;
  job.uncertainty_s = c.model->rmse_s;
  job.time_limit_s = std::ceil(spec.time_limit_factor * job.predicted_s);
  job.pattern = g.mix.kind == Mix::Kind::patterns ? entry.name
                                                  : (c.labels.empty() ? "" : c.labels.front());
  job.phase = spec.phase_of(g);
  job.source_runs = c.runs;
  return job;
}

// Arrival times within the group, from its own stream.
void set_arrivals(const target::Arrival &a, std::vector<emit::PlannedJob> &jobs, Draws &draws) {
  using Shape = target::Arrival::Shape;
  double t = 0;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    if (a.shape == Shape::waves) {
      const std::size_t wave = i * static_cast<std::size_t>(a.waves) / jobs.size();
      jobs[i].submit_s = static_cast<double>(wave) * a.interval_s;
    } else if (a.shape == Shape::poisson) {
      t += draws.exponential(60.0 / a.rate_per_minute);
      jobs[i].submit_s = std::round(t * 1000) / 1000;  // milliseconds: the files print them
    }
  }
}

// Whether the group has its work: `jobs` jobs, or node-seconds (predicted) to the amount asked.
bool enough(const target::Work &w, std::size_t jobs, double node_s, int cluster_nodes) {
  using Kind = target::Work::Kind;
  if (w.kind == Kind::jobs) return jobs >= static_cast<std::size_t>(w.jobs);
  if (w.kind == Kind::node_hours) return node_s >= w.node_hours * 3600;
  return node_s >= cluster_nodes * w.makespan_s;
}

}  // namespace

emit::EnsemblePlan plan_ensemble(const PlanInputs &in) {
  const TargetSpec &spec = *in.spec;
  for (std::size_t i = 0; i < spec.groups.size(); ++i) check_group(in, spec.groups[i], i);

  emit::EnsemblePlan plan;
  plan.name = spec.ensemble;
  plan.seed = spec.seed;
  plan.cluster_nodes = spec.cluster_nodes;
  plan.image = spec.image;
  plan.workdir = spec.workdir;
  plan.generated_by = in.generated_by;
  for (std::size_t i = 0; i < spec.groups.size(); ++i) {
    const GroupSpec &g = spec.groups[i];
    Draws draws(spec.seed, 2 * i), arrivals(spec.seed, 2 * i + 1);
    std::vector<emit::PlannedJob> jobs;
    double node_s = 0;
    while (!enough(g.work, jobs.size(), node_s, spec.cluster_nodes)) {
      if (plan.jobs.size() + jobs.size() >= static_cast<std::size_t>(target::kMaxJobs))
        throw InputError(where(spec, g, i, "work") + ": needs more than " +
                         std::to_string(target::kMaxJobs) +
                         " jobs; ask for less work or longer jobs");
      jobs.push_back(make_job(in, g, i, draws));
      node_s += jobs.back().nodes * jobs.back().predicted_s;
    }
    set_arrivals(g.arrival, jobs, arrivals);
    for (std::size_t k = 0; k < jobs.size(); ++k) {
      jobs[k].name = job_name(g, k, jobs.size());
      jobs[k].argv = in.argv_of(jobs[k]);
      plan.jobs.push_back(std::move(jobs[k]));
    }
  }
  return plan;
}

}  // namespace hpcpat::planner
