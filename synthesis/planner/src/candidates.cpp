// The measured configurations a job can be made of: each fitted model at each node count and
// size it was measured at, with the labels its runs there all have.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "hpcpat/planner/planner.hpp"

namespace hpcpat::planner {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

// The labels every run has, in the order of the first run's labels (its primary label first).
std::vector<std::string> common_labels(const std::vector<const std::vector<std::string> *> &sets) {
  if (sets.empty()) return {};
  std::vector<std::string> common;
  for (const std::string &label : *sets.front()) {
    const bool everywhere = std::all_of(sets.begin(), sets.end(), [&](const auto *set) {
      return std::find(set->begin(), set->end(), label) != set->end();
    });
    if (everywhere) common.push_back(label);
  }
  return common;
}

}  // namespace

std::string Candidate::describe() const {
  std::string s = case_name + (app == case_name ? "" : " (app " + app + ")") + " at " +
                  std::to_string(nodes) + (nodes == 1 ? " node" : " nodes");
  if (model != nullptr && !model->size.name.empty()) s += ", " + model->size.name + "=" + number(size);
  return s + ": " + number(shortest_s) + " .. " + number(longest_s) + " s";
}

std::vector<Candidate> candidates(const models::ModelReport &report,
                                  std::span<const runs::RunSample> samples,
                                  std::span<const RunLabels> labels) {
  std::map<std::string, const std::vector<std::string> *> labels_of;
  for (const RunLabels &l : labels) labels_of[l.study + "/" + l.run] = &l.labels;
  const runs::KeyOmits case_omits{.nodes = true, .duration_knob = true, .size_knob = true};

  std::vector<Candidate> out;
  for (const models::DurationModel &m : report.models) {
    std::vector<const runs::RunSample *> of_case;
    for (const runs::RunSample &s : samples)
      if (s.ok() && runs::group_key(s, case_omits) == m.key) of_case.push_back(&s);
    if (of_case.empty()) continue;
    std::vector<std::string> case_runs;
    for (const runs::RunSample *s : of_case) case_runs.push_back(s->study + "/" + s->run);

    const std::vector<double> sizes =
        m.size.values.empty() ? std::vector<double>{1.0} : m.size.values;
    for (const double nodes : m.nodes.values) {
      for (const double size : sizes) {
        Candidate c;
        c.model = &m;
        c.case_name = m.case_name;
        c.app = m.app;
        c.nodes = static_cast<int>(nodes);
        c.size = size;
        std::vector<const std::vector<std::string> *> label_sets;
        const runs::RunSample *example = nullptr;
        for (const runs::RunSample *s : of_case) {
          if (s->nodes != c.nodes) continue;
          if (!m.size.name.empty()) {
            const std::optional<double> v = runs::number_parameter(*s, s->size_knob);
            if (!v || *v != size) continue;
          }
          if (example == nullptr) example = s;
          if (auto it = labels_of.find(s->study + "/" + s->run); it != labels_of.end())
            label_sets.push_back(it->second);
        }
        if (example == nullptr) continue;  // this size was measured at other node counts only
        c.ranks_per_node = example->ranks_per_node;
        c.threads = example->threads;
        c.duration_knob = example->duration_knob;
        c.parameters = example->parameters;
        c.labels = common_labels(label_sets);
        c.runs = case_runs;
        const models::ModelQuery at_low{m.duration.low(), size, nodes};
        const models::ModelQuery at_high{m.duration.high(), size, nodes};
        c.shortest_s = models::predict(m, at_low).wall_s;
        c.longest_s = models::predict(m, at_high).wall_s;
        if (!(c.longest_s > c.shortest_s)) continue;  // the time does not grow with the knob
        out.push_back(std::move(c));
      }
    }
  }
  return out;
}

}  // namespace hpcpat::planner
