// Reading containers/matrix.yaml. Every value that ends up in a Dockerfile's RUN line (package
// names, URLs, versions, checksums, paths, commits) is held to a pattern without shell
// metacharacters, so that the rendered scripts need no quoting to be safe; the words of an
// external app's build commands, which are rendered single-quoted, to having no quote
// (value_shapes.hpp).
#include "hpcpat/containers/matrix.hpp"

#include <algorithm>
#include <set>
#include <string_view>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/input_file.hpp"
#include "hpcpat/yaml/yaml_reader.hpp"
#include "value_shapes.hpp"

namespace hpcpat::containers {
namespace {

using yaml::at;
using yaml::dot;
using yaml::YamlReader;

constexpr std::uint64_t kMaxMatrixBytes = 1 << 20;
constexpr std::size_t kMaxList = 256;

class MatrixReader {
 public:
  explicit MatrixReader(std::string file) : y_(std::move(file)) {}

  Matrix read(const YAML::Node &doc) {
    Matrix m;
    m.file = y_.file();
    if (!doc.IsMap()) y_.fail(doc, "(document)", "a map (schema, name, registry, axes, ...)");
    y_.check_map(doc, "",
                 {"schema", "name", "registry", "source", "axes", "exclude", "bases", "mpis",
                  "clouds", "apps", "external", "oras"});
    y_.require(doc, "", {"schema", "name", "registry", "axes", "bases", "mpis", "clouds", "oras"});
    shaped(doc["schema"], "schema", kSchema);
    m.name = shaped(doc["name"], "name", kAxisValue);
    m.registry = shaped(doc["registry"], "registry", kRegistry);
    if (doc["source"]) m.source = shaped(doc["source"], "source", kUrl);
    for (const auto &[key, node] : y_.entries(doc["bases"], "bases", "a map of bases")) {
      m.bases[key] = base(node, key_name(doc["bases"], "bases", key));
    }
    for (const auto &[key, node] : y_.entries(doc["mpis"], "mpis", "a map of MPIs")) {
      m.mpis[key] = mpi(node, key_name(doc["mpis"], "mpis", key));
    }
    for (const auto &[key, node] : y_.entries(doc["clouds"], "clouds", "a map of clouds")) {
      m.clouds[key] = cloud(node, key_name(doc["clouds"], "clouds", key));
    }
    if (doc["apps"]) {
      for (const auto &[key, node] : y_.entries(doc["apps"], "apps", "a map of apps")) {
        m.apps.push_back(app(node, key_name(doc["apps"], "apps", key)));
      }
    }
    if (doc["external"]) {
      for (const auto &[key, node] :
           y_.entries(doc["external"], "external", "a map of applications")) {
        m.external.push_back(
            external_app(node, key_name(doc["external"], "external", key), m.external));
      }
    }
    m.oras = oras(doc["oras"], "oras");
    axes(doc["axes"], m);
    if (doc["exclude"]) exclude(doc["exclude"], m);
    return m;
  }

 private:
  YamlReader y_;

  std::string shaped(const YAML::Node &n, const std::string &path, const Shape &shape) const {
    const std::string s = y_.scalar(n, path, shape.expected);
    if (!shape.matches(s)) y_.fail(n, path, shape.expected);
    return s;
  }
  std::vector<std::string> shaped_list(const YAML::Node &n, const std::string &path,
                                       const Shape &shape) const {
    std::vector<std::string> out;
    const std::vector<YAML::Node> items = y_.list(n, path, kMaxList);
    for (std::size_t i = 0; i < items.size(); ++i)
      out.push_back(shaped(items[i], at(path, i), shape));
    return out;
  }
  // A map key that names something (a base, an MPI, ...): it becomes a tag and a folder.
  std::string key_name(const YAML::Node &map, const std::string &path,
                       const std::string &key) const {
    if (!kAxisValue.matches(key)) {
      y_.fail_got(map, yaml::key_field(path, key),
                  std::string("a key that is ") + kAxisValue.expected, yaml::shown(key));
    }
    return key;
  }
  std::map<std::string, std::vector<std::string>> package_map(
      const YAML::Node &n, const std::string &path,
      std::initializer_list<std::string_view> keys) const {
    y_.check_map(n, path, keys);
    std::map<std::string, std::vector<std::string>> out;
    for (const auto &[key, node] : y_.entries(n, path, "a map of package lists")) {
      out[key] = shaped_list(node, dot(path, key), kPackage);
    }
    return out;
  }
  // version, url and sha256 of a map that may hold other fields too.
  Source source_fields(const YAML::Node &n, const std::string &path) const {
    y_.require(n, path, {"version", "url", "sha256"});
    return {shaped(n["version"], dot(path, "version"), kVersion),
            shaped(n["url"], dot(path, "url"), kUrl),
            shaped(n["sha256"], dot(path, "sha256"), kSha256)};
  }
  Source source(const YAML::Node &n, const std::string &path) const {
    y_.check_map(n, path, {"version", "url", "sha256"});
    return source_fields(n, path);
  }

  Base base(const YAML::Node &n, const std::string &name) const {
    const std::string path = dot("bases", name);
    y_.check_map(n, path, {"image", "packages", "repositories", "build"});
    y_.require(n, path, {"image", "packages", "build"});
    Base b;
    b.name = name;
    b.image = shaped(n["image"], dot(path, "image"), kImage);
    b.packages = y_.choice(n["packages"], dot(path, "packages"), {"apt", "dnf"});
    if (n["repositories"]) {
      const std::string field = dot(path, "repositories");
      if (b.packages != "dnf") y_.fail(n["repositories"], field, "no repositories for an apt base");
      for (std::size_t i = 0; i < y_.list(n["repositories"], field, 8).size(); ++i) {
        b.repositories.push_back(y_.choice(n["repositories"][i], at(field, i), {"epel", "crb"}));
      }
    }
    b.build = shaped_list(n["build"], dot(path, "build"), kPackage);
    return b;
  }

  Mpi mpi(const YAML::Node &n, const std::string &name) const {
    const std::string path = dot("mpis", name);
    y_.check_map(n, path, {"flavour", "source", "packages", "prefix"});
    y_.require(n, path, {"flavour", "source"});
    Mpi m;
    m.name = name;
    m.flavour = y_.choice(n["flavour"], dot(path, "flavour"), {"openmpi", "mpich"});
    m.source = source(n["source"], dot(path, "source"));
    if (n["packages"])
      m.packages = package_map(n["packages"], dot(path, "packages"), {"apt", "dnf"});
    if (n["prefix"]) {
      const std::string field = dot(path, "prefix");
      y_.check_map(n["prefix"], field, {"apt", "dnf"});
      for (const auto &[key, node] : y_.entries(n["prefix"], field, "a map of paths")) {
        if (m.packages.count(key) == 0) {
          y_.fail(node, dot(field, key), "a prefix only for a package manager under `packages`");
        }
        m.prefix[key] = shaped(node, dot(field, key), kPath);
      }
    }
    return m;
  }

  Cloud cloud(const YAML::Node &n, const std::string &name) const {
    const std::string path = dot("clouds", name);
    Cloud c;
    c.name = name;
    if (n.IsNull()) return c;
    y_.check_map(n, path, {"libfabric"});
    if (!n["libfabric"]) return c;
    const YAML::Node lf = n["libfabric"];
    const std::string field = dot(path, "libfabric");
    y_.check_map(lf, field, {"version", "url", "sha256", "providers", "packages", "system"});
    y_.require(lf, field, {"providers"});
    Libfabric l;
    l.source = source_fields(lf, field);
    const std::vector<YAML::Node> providers = y_.list(lf["providers"], dot(field, "providers"), 16);
    for (std::size_t i = 0; i < providers.size(); ++i) {
      l.providers.push_back(y_.choice(providers[i], at(dot(field, "providers"), i),
                                      {"efa", "tcp", "shm", "sockets", "udp", "verbs", "rxm"}));
    }
    if (lf["packages"])
      l.packages = package_map(lf["packages"], dot(field, "packages"), {"apt", "dnf"});
    if (lf["system"]) l.system = package_map(lf["system"], dot(field, "system"), {"apt", "dnf"});
    c.libfabric = std::move(l);
    return c;
  }

  App app(const YAML::Node &n, const std::string &name) const {
    const std::string path = dot("apps", name);
    y_.check_map(n, path, {"packages"});
    y_.require(n, path, {"packages"});
    return {name, package_map(n["packages"], dot(path, "packages"),
                              {"apt-openmpi", "apt-mpich", "dnf-openmpi", "dnf-mpich"})};
  }

  // `earlier`: the external apps defined above this one, which are all it may need.
  ExternalApp external_app(const YAML::Node &n, const std::string &name,
                           const std::vector<ExternalApp> &earlier) const {
    const std::string path = dot("external", name);
    y_.check_map(n, path, {"repository", "commit", "licence", "needs", "build", "bin"});
    y_.require(n, path, {"repository", "commit", "licence", "build"});
    ExternalApp a;
    a.name = name;
    a.repository = shaped(n["repository"], dot(path, "repository"), kUrl);
    a.commit = shaped(n["commit"], dot(path, "commit"), kCommit);
    a.licence = shaped(n["licence"], dot(path, "licence"), kPackage);
    if (n["needs"]) {
      const std::string field = dot(path, "needs");
      const std::vector<YAML::Node> items = y_.list(n["needs"], field, 16);
      for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string need = shaped(items[i], at(field, i), kAxisValue);
        if (std::none_of(earlier.begin(), earlier.end(),
                         [&](const ExternalApp &e) { return e.name == need; })) {
          y_.fail_got(items[i], at(field, i), "an external app defined above this one",
                      yaml::shown(need));
        }
        a.needs.push_back(need);
      }
    }
    const std::string field = dot(path, "build");
    const std::vector<YAML::Node> commands = y_.list(n["build"], field, 32);
    for (std::size_t i = 0; i < commands.size(); ++i) {
      a.build.push_back(shaped_list(commands[i], at(field, i), kWord));
      if (a.build.back().empty())
        y_.fail(commands[i], at(field, i), "a command of one word or more");
    }
    if (n["bin"]) a.bin = shaped_list(n["bin"], dot(path, "bin"), kRelativePath);
    return a;
  }

  Oras oras(const YAML::Node &n, const std::string &path) const {
    y_.check_map(n, path, {"version", "sha256"});
    y_.require(n, path, {"version", "sha256"});
    Oras o;
    o.version = shaped(n["version"], dot(path, "version"), kVersion);
    const std::string field = dot(path, "sha256");
    for (const auto &[arch, node] :
         y_.entries(n["sha256"], field, "a map of architecture to checksum")) {
      if (!kArch.matches(arch)) {
        y_.fail_got(n["sha256"], yaml::key_field(field, arch), kArch.expected, yaml::shown(arch));
      }
      o.sha256[arch] = shaped(node, dot(field, arch), kSha256);
    }
    return o;
  }

  // Each axis lists values defined in its map (cloud: clouds, mpi: mpis, base: bases), once.
  void axes(const YAML::Node &n, Matrix &m) const {
    y_.check_map(n, "axes", {"cloud", "mpi", "base"});
    y_.require(n, "axes", {"cloud", "mpi", "base"});
    for (const char *axis : kAxes) {
      const std::string path = dot("axes", axis);
      const std::vector<YAML::Node> items = y_.list(n[axis], path, 64);
      std::vector<std::string> &values = m.axes[axis];
      for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string v = shaped(items[i], at(path, i), kAxisValue);
        if (!defined(m, axis, v)) {
          y_.fail_got(items[i], at(path, i),
                      "a value defined under `" + map_of(axis) + "` (" + known(m, axis) + ")",
                      yaml::shown(v));
        }
        for (const std::string &seen : values) {
          if (seen == v)
            y_.fail_got(items[i], at(path, i), "each value once", yaml::shown(v) + " again");
        }
        values.push_back(v);
      }
    }
  }

  void exclude(const YAML::Node &n, Matrix &m) const {
    if (!n.IsSequence()) y_.fail(n, "exclude", "a list of maps of axis values");
    for (std::size_t i = 0; i < n.size(); ++i) {
      const std::string path = at("exclude", i);
      y_.check_map(n[i], path, {"cloud", "mpi", "base"});
      std::map<std::string, std::string> rule;
      for (const auto &[axis, node] : y_.entries(n[i], path, "a map of axis values")) {
        const std::string v = shaped(node, dot(path, axis), kAxisValue);
        const std::vector<std::string> &values = m.axes[axis];
        if (std::find(values.begin(), values.end(), v) == values.end()) {
          y_.fail_got(node, dot(path, axis), "a value of axes." + axis, yaml::shown(v));
        }
        rule[axis] = v;
      }
      if (rule.empty()) y_.fail(n[i], path, "at least one axis value (an empty rule excludes all)");
      m.exclude.push_back(std::move(rule));
    }
  }

  static std::string map_of(const std::string &axis) {
    return axis == "cloud" ? "clouds" : axis == "mpi" ? "mpis" : "bases";
  }
  static bool defined(const Matrix &m, const std::string &axis, const std::string &v) {
    if (axis == "cloud") return m.clouds.count(v) > 0;
    if (axis == "mpi") return m.mpis.count(v) > 0;
    return m.bases.count(v) > 0;
  }
  static std::string known(const Matrix &m, const std::string &axis) {
    std::string out;
    auto add = [&](const auto &map) {
      for (const auto &entry : map) out += (out.empty() ? "" : ", ") + entry.first;
    };
    if (axis == "cloud")
      add(m.clouds);
    else if (axis == "mpi")
      add(m.mpis);
    else
      add(m.bases);
    return out.empty() ? "none" : out;
  }
};

bool excluded(const Matrix &m, const std::map<std::string, std::string> &values) {
  for (const auto &rule : m.exclude) {
    bool all = true;
    for (const auto &[axis, v] : rule) all = all && values.at(axis) == v;
    if (all) return true;
  }
  return false;
}

}  // namespace

Matrix read_matrix(const std::string &text, const std::string &file) {
  return MatrixReader(file).read(yaml::load_document(text, file));
}

Matrix load_matrix(const std::string &path) {
  InputFile in(path, kMaxMatrixBytes);
  return read_matrix(in.read_all(), path);
}

std::vector<Variant> expand(const Matrix &m) {
  std::vector<Variant> out;
  for (const std::string &c : m.axes.at("cloud")) {
    for (const std::string &p : m.axes.at("mpi")) {
      for (const std::string &b : m.axes.at("base")) {
        if (excluded(m, {{"cloud", c}, {"mpi", p}, {"base", b}})) continue;
        Variant v;
        v.cloud = &m.clouds.at(c);
        v.mpi = &m.mpis.at(p);
        v.base = &m.bases.at(b);
        // An aws image's MPI is built against its libfabric; otherwise the base's packages serve
        // when there are any for its package manager.
        v.mpi_from_packages = !v.cloud->libfabric && v.mpi->packages.count(v.base->packages) > 0;
        // Packaged apps only beside a packaged MPI: they are linked with the base's MPI.
        if (v.mpi_from_packages) {
          const std::string key = v.base->packages + "-" + v.mpi->flavour;
          for (const App &a : m.apps) {
            auto it = a.packages.find(key);
            if (it == a.packages.end()) continue;
            v.apps.push_back(a.name);
            v.app_packages.insert(v.app_packages.end(), it->second.begin(), it->second.end());
          }
        }
        out.push_back(v);
      }
    }
  }
  if (out.empty()) {
    throw InputError(m.file +
                     ": exclude: expected rules that leave at least one image, got rules "
                     "that exclude all " +
                     std::to_string(m.axes.at("cloud").size() * m.axes.at("mpi").size() *
                                    m.axes.at("base").size()));
  }
  return out;
}

}  // namespace hpcpat::containers
