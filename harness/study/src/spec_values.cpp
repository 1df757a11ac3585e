#include "spec_values.hpp"

#include <charconv>

#include "hpcpat/contract.h"
#include "hpcpat/study/study_spec.hpp"
#include "hpcpat/yaml/yaml_reader.hpp"

namespace hpcpat::study {
namespace {

bool alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

// The alphabet is core/yaml's, shared with every spec that names things (synthesis targets).
bool valid_name(std::string_view name) {
  return yaml::valid_name(name);
}

bool valid_param_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  const char f = name.front();
  if (!((f >= 'a' && f <= 'z') || (f >= 'A' && f <= 'Z') || f == '_')) return false;
  for (const char c : name) {
    if (!alnum(c) && c != '_') return false;
  }
  return true;
}

std::string why_reserved_env(std::string_view name) {
  if (name == "LD_PRELOAD") {
    return "hpcpat sets LD_PRELOAD of the ranks to load its interposer; a study cannot replace it";
  }
  if (!name.starts_with("HPCPAT_")) return "";
  using contract::Setting;
  // What hpcpat sets for every run (from the results folder, the plan, `tags`, `container`).
  for (const Setting s :
       {Setting::OUTPUT, Setting::OVERWRITE, Setting::TAGS, Setting::RUN_ID, Setting::LAUNCHER,
        Setting::PMPI_LIB, Setting::RESULTS, Setting::CONTAINER_IMAGE}) {
    if (name == contract::env_name(s)) {
      return "hpcpat sets " + std::string(name) +
             " for every run of a study (use `tags`, `container` or hpcpat run's flags)";
    }
  }
  for (const contract::SettingInfo &s : contract::kSettings) {
    if (name == s.name) return "";
  }
  return "no such hpcpat setting (hpcpat --help-env lists them)";
}

std::optional<long long> parse_duration(std::string_view text) {
  long long unit = 1;
  if (!text.empty()) {
    switch (text.back()) {
      case 's':
        unit = 1;
        text.remove_suffix(1);
        break;
      case 'm':
        unit = 60;
        text.remove_suffix(1);
        break;
      case 'h':
        unit = 3600;
        text.remove_suffix(1);
        break;
      default:
        break;
    }
  }
  long long v = 0;
  if (text.empty() || text.size() > 9 || text.front() < '0' || text.front() > '9')
    return std::nullopt;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v * unit;
}

std::vector<std::string> references(std::string_view arg, std::string &error) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < arg.size(); ++i) {
    if (arg.substr(i, 3) == "$${") {
      i += 2;
      continue;
    }
    if (arg.substr(i, 2) != "${") continue;
    const std::size_t close = arg.find('}', i + 2);
    if (close == std::string_view::npos) {
      error = "'${' without a closing '}'";
      return {};
    }
    const std::string_view name = arg.substr(i + 2, close - i - 2);
    if (!valid_param_name(name)) {
      error = "'${" + std::string(name) + "}': a name of [A-Za-z_][A-Za-z0-9_]* inside ${}";
      return {};
    }
    names.emplace_back(name);
    i = close;
  }
  return names;
}

std::string substitute(std::string_view arg,
                       const std::function<std::string(std::string_view)> &value) {
  std::string out;
  for (std::size_t i = 0; i < arg.size(); ++i) {
    if (arg.substr(i, 3) == "$${") {
      out += "${";
      i += 2;
    } else if (arg.substr(i, 2) == "${") {
      const std::size_t close = arg.find('}', i + 2);
      out += value(arg.substr(i + 2, close - i - 2));
      i = close;
    } else {
      out += arg[i];
    }
  }
  return out;
}

}  // namespace hpcpat::study
