// The container build matrix (containers/matrix.yaml, schema hpcpat.containers.v1): the axes,
// what each axis value means (bases, MPIs, clouds), the apps and the oras CLI, read strictly
// (every refusal "FILE:LINE: FIELD: expected ..., got ...", exit 2), and its expansion into the
// variants that are built. Nothing here writes a file.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hpcpat::containers {

// A release tarball pinned by its checksum.
struct Source {
  std::string version, url, sha256;
};

struct Base {
  std::string name, image;
  std::string packages;                   // the package manager: "apt" or "dnf"
  std::vector<std::string> repositories;  // dnf: "epel", "crb"
  std::vector<std::string> build;         // what hpcpat needs to build
};

struct Mpi {
  std::string name, flavour;  // flavour: "openmpi" or "mpich"
  Source source;
  std::map<std::string, std::vector<std::string>> packages;  // package manager -> packages
  std::map<std::string, std::string> prefix;                 // package manager -> install prefix
};

struct Libfabric {
  Source source;
  std::vector<std::string> providers;
  std::map<std::string, std::vector<std::string>> packages;  // what its providers build against
  // The base's own libfabric, for offline builds (FABRIC_FROM=packages): package manager ->
  // packages.
  std::map<std::string, std::vector<std::string>> system;
};

struct Cloud {
  std::string name;
  std::optional<Libfabric> libfabric;
};

struct App {
  std::string name;
  std::map<std::string, std::vector<std::string>> packages;  // "MANAGER-FLAVOUR" -> packages
};

// An application built from its public source at a pinned commit: an optional layer of every
// image, built when --build-arg EXTRA_APPS names it (or `all`).
struct ExternalApp {
  std::string name, repository, commit, licence;
  std::vector<std::string> needs;               // external apps built before it (defined above it)
  std::vector<std::vector<std::string>> build;  // commands, each a list of words, in the checkout
  std::vector<std::string> bin;                 // programs it leaves, relative to the checkout
};

struct Oras {
  std::string version;
  std::map<std::string, std::string> sha256;  // architecture (amd64, arm64) -> checksum
};

inline constexpr const char *kAxes[] = {"cloud", "mpi", "base"};

struct Matrix {
  std::string file, name, registry, source;
  std::map<std::string, std::vector<std::string>> axes;  // axis -> values, in the file's order
  std::vector<std::map<std::string, std::string>> exclude;
  std::map<std::string, Base> bases;
  std::map<std::string, Mpi> mpis;
  std::map<std::string, Cloud> clouds;
  std::vector<App> apps;
  std::vector<ExternalApp> external;  // in the file's order: each after what it needs
  Oras oras;
};

// One image of the matrix, with everything its Dockerfile needs resolved.
struct Variant {
  const Cloud *cloud = nullptr;
  const Mpi *mpi = nullptr;
  const Base *base = nullptr;
  bool mpi_from_packages = false;  // else built from mpi->source
  std::vector<std::string> app_packages;
  std::vector<std::string> apps;  // the names of the apps beyond hpcpat's own

  std::string tag() const { return mpi->name + "-" + base->name; }  // openmpi4-ubuntu2204
  std::string id() const { return cloud->name + "-" + tag(); }      // google-openmpi4-...
  std::string folder() const { return cloud->name + "/" + tag(); }  // google/openmpi4-...
  std::string repository(const Matrix &m) const {                   // REGISTRY/NAME-CLOUD
    return m.registry + "/" + m.name + "-" + cloud->name;
  }
  std::string image(const Matrix &m) const { return repository(m) + ":" + tag(); }
};

// The matrix in `text`, read from `file` (named in messages). Throws InputError.
Matrix read_matrix(const std::string &text, const std::string &file);
Matrix load_matrix(const std::string &path);

// Every combination of the axes, in the file's order (cloud, then mpi, then base), less the
// exclusions. Throws InputError when the exclusions remove everything. The variants point into
// `m`, which must outlive them.
std::vector<Variant> expand(const Matrix &m);

}  // namespace hpcpat::containers
