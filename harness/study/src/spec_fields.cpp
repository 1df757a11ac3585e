#include "spec_fields.hpp"

#include <set>

#include "hpcpat/contract.h"
#include "spec_values.hpp"

namespace hpcpat::study {

int count_field(const YamlReader &y, const YAML::Node &n, const std::string &path, int max) {
  return static_cast<int>(y.integer(n, path, 1, max));
}

std::vector<int> read_nodes(const YamlReader &y, const YAML::Node &n, const std::string &path) {
  std::vector<int> out;
  std::set<int> seen;
  const std::vector<YAML::Node> items = y.list(n, path, kMaxNodeCounts);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const int v = count_field(y, items[i], at(path, i), kMaxNodes);
    if (!seen.insert(v).second) y.fail(items[i], at(path, i), "each node count once");
    out.push_back(v);
  }
  return out;
}

int read_timeout(const YamlReader &y, const YAML::Node &n, const std::string &path) {
  const std::string expected = "a duration from 1 s to " + std::to_string(kMaxTimeoutSeconds) +
                               " s: seconds, or a number with s, m or h (\"90s\", \"10m\", \"1h\")";
  if (!n.IsScalar()) y.fail(n, path, expected);
  const auto s = parse_duration(n.Scalar());
  if (!s || *s < 1 || *s > kMaxTimeoutSeconds) y.fail(n, path, expected);
  return static_cast<int>(*s);
}

LauncherSpec read_launcher(const YamlReader &y, const YAML::Node &n, const std::string &path) {
  LauncherSpec l;
  if (n.IsScalar()) {
    l.name = y.choice(n, path, {"auto", "flux", "mpirun", "srun"});
    return l;
  }
  y.check_map(n, path, {"name", "flux", "mpirun", "srun"});
  if (n["name"])
    l.name = y.choice(n["name"], dot(path, "name"), {"auto", "flux", "mpirun", "srun"});
  if (const YAML::Node f = n["flux"]) {
    const std::string fp = dot(path, "flux");
    y.check_map(f, fp, {"cpu_affinity", "exclusive", "pmi", "flags"});
    if (f["cpu_affinity"]) {
      l.flux.cpu_affinity =
          y.choice(f["cpu_affinity"], dot(fp, "cpu_affinity"), {"per-task", "off"});
    }
    if (f["exclusive"]) l.flux.exclusive = y.boolean(f["exclusive"], dot(fp, "exclusive"));
    if (f["pmi"]) l.flux.pmi = y.name(f["pmi"], dot(fp, "pmi"));
    if (f["flags"]) l.flux.flags = y.strings(f["flags"], dot(fp, "flags"), kMaxListEntries);
  }
  for (const char *key : {"mpirun", "srun"}) {
    const YAML::Node m = n[key];
    if (!m) continue;
    const std::string mp = dot(path, key);
    y.check_map(m, mp, {"flags"});
    if (!m["flags"]) y.fail_got(m, dot(mp, "flags"), "a list of flags", "no such key");
    auto flags = y.strings(m["flags"], dot(mp, "flags"), kMaxListEntries);
    (std::string(key) == "mpirun" ? l.mpirun_flags : l.srun_flags) = std::move(flags);
  }
  return l;
}

std::vector<NameValue> read_env(const YamlReader &y, const YAML::Node &n, const std::string &path) {
  std::vector<NameValue> out;
  for (const auto &[name, value] : y.entries(n, path, "a map of variable names to values")) {
    const std::string field = dot(path, name);
    bool ok = !name.empty() && name.size() <= 128 && !(name[0] >= '0' && name[0] <= '9');
    for (const char c : name) {
      ok = ok &&
           ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
    }
    if (!ok) {
      y.fail_got(value, field, "a variable name of [A-Za-z_][A-Za-z0-9_]*", shown(name));
    }
    if (const std::string why = why_reserved_env(name); !why.empty()) {
      y.fail_got(value, field, "a variable hpcpat does not own", shown(name) + ": " + why);
    }
    std::string v = y.scalar(value, field, "a value (text or a number)");
    if (v.find('\0') != std::string::npos || v.size() > 65536) {
      y.fail(value, field, "a value of at most 65536 bytes without NUL");
    }
    out.emplace_back(name, std::move(v));
  }
  return out;
}

std::vector<NameValue> read_tags(const YamlReader &y, const YAML::Node &n,
                                 const std::string &path) {
  std::vector<NameValue> out;
  for (const auto &[key, value] : y.entries(n, path, "a map of tag keys to values")) {
    const std::string field = dot(path, key);
    bool ok = !key.empty() && key.size() <= 64;
    for (const char c : key) ok = ok && contract::tag_key_char(c);
    if (!ok)
      y.fail_got(value, field, "a key of 1 to 64 characters from [A-Za-z0-9_.-]", shown(key));
    if (key == "study" || key == "case" || key == "run") {
      y.fail_got(value, field, "a key other than study, case and run (hpcpat sets them)",
                 shown(key));
    }
    const std::string v = y.scalar(value, field, "a value (text or a number)");
    if (!contract::valid_tag(key + "=" + v) || v.size() > 256 ||
        v.find_first_of("\n\r\t") != std::string::npos) {
      y.fail(value, field, "a value of at most 256 characters without ',' or control characters");
    }
    out.emplace_back(key, v);
  }
  return out;
}

ContainerSpec read_container(const YamlReader &y, const YAML::Node &n, const std::string &path) {
  y.check_map(n, path, {"image", "runtime", "options"});
  for (const char *required : {"image", "runtime"}) {
    if (!n[required]) y.fail_got(n, dot(path, required), "this field", "no such key");
  }
  ContainerSpec c;
  c.image = y.text(n["image"], dot(path, "image"), 512);
  // An argument of the runtime's command line: never read as one of its options.
  if (c.image.find_first_of(" \t") != std::string::npos || c.image.front() == '-') {
    y.fail(n["image"], dot(path, "image"),
           "an image reference (or .sif path) without whitespace, not starting with '-'");
  }
  c.runtime = y.choice(n["runtime"], dot(path, "runtime"), {"podman", "apptainer", "singularity"});
  if (n["options"]) c.options = y.strings(n["options"], dot(path, "options"), 64);
  return c;
}

}  // namespace hpcpat::study
