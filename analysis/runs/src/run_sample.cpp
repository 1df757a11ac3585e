#include "hpcpat/runs/run_sample.hpp"

#include <charconv>
#include <cmath>
#include <unordered_map>

namespace hpcpat::runs {
namespace {

// "64", "1.5", "4K", "2M", "1G": the forms a study writes a number or a byte size in.
std::optional<double> number_from_text(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double scale = 1;
  switch (text.back()) {
    case 'K': scale = 1024.0; break;
    case 'M': scale = 1024.0 * 1024.0; break;
    case 'G': scale = 1024.0 * 1024.0 * 1024.0; break;
    default: break;
  }
  if (scale != 1) text.remove_suffix(1);
  double value = 0;
  const char *end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value * scale;
}

}  // namespace

std::optional<double> number_parameter(const RunSample &sample, std::string_view name) {
  if (!sample.parameters.is_object()) return std::nullopt;
  const auto it = sample.parameters.find(name);
  if (it == sample.parameters.end()) return std::nullopt;
  if (it->is_number()) return it->get<double>();
  if (it->is_string()) return number_from_text(it->get_ref<const std::string &>());
  return std::nullopt;
}

std::string group_key(const RunSample &sample, KeyOmits omits) {
  std::string key = "case=" + sample.case_name + " app=" + sample.app;
  if (!omits.nodes)
    key += " nodes=" + std::to_string(sample.nodes) + " ranks=" + std::to_string(sample.ranks);
  key += " rpn=" + std::to_string(sample.ranks_per_node) +
         " threads=" + std::to_string(sample.threads);
  if (!sample.parameters.is_object()) return key;
  // nlohmann's object is a std::map: the parameters come sorted by name.
  for (const auto &[name, value] : sample.parameters.items()) {
    if (omits.duration_knob && !sample.duration_knob.empty() && name == sample.duration_knob)
      continue;
    if (omits.size_knob && !sample.size_knob.empty() && name == sample.size_knob) continue;
    key += " " + name + "=" + value.dump();
  }
  return key;
}

std::vector<RunGroup> group_runs(std::span<const RunSample> samples,
                                 const std::function<std::string(const RunSample &)> &key) {
  std::vector<RunGroup> groups;
  std::unordered_map<std::string, std::size_t> index;
  for (const RunSample &sample : samples) {
    std::string k = key(sample);
    auto [it, inserted] = index.try_emplace(k, groups.size());
    if (inserted) groups.push_back(RunGroup{std::move(k), {}});
    groups[it->second].runs.push_back(&sample);
  }
  return groups;
}

}  // namespace hpcpat::runs
