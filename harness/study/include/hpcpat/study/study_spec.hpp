// A study spec (docs/studies.md, schemas/study.v1.schema.json) as typed data. load_study reads
// the YAML and validates strictly as it reads: unknown keys, wrong types, counts out of their
// bounds (below), duplicate or unsafe names, empty lists, built-in app parameters the app does not
// accept, ${param} references to nothing. Every refusal is one hpcpat::InputError whose message
// reads "FILE:LINE: FIELD.PATH: expected ..., got ..." (exit status 2 at the command boundary).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hpcpat::study {

// Bounds of the counts a spec may give (absurd values are refused, not clamped).
inline constexpr int kMaxNodes = 65536;            // each entry of `nodes`
inline constexpr std::size_t kMaxNodeCounts = 64;  // entries of `nodes`
inline constexpr int kMaxRanksPerNode = 4096;
inline constexpr int kMaxThreadsPerRank = 1024;
inline constexpr int kMaxRanks = 1 << 24;  // nodes x ranks_per_node (hpcpat profile -n)
inline constexpr int kMaxRepeats = 1000;
inline constexpr int kMaxTimeoutSeconds = 7 * 24 * 3600;
inline constexpr int kDefaultTimeoutSeconds = 3600;
inline constexpr std::size_t kMaxListEntries = 1000;  // values of one parameter, argv, flags
inline constexpr std::size_t kMaxCases = 1000;
inline constexpr std::uint64_t kMaxSpecBytes = 1 << 20;  // the YAML file itself

using NameValue = std::pair<std::string, std::string>;

struct FluxOptions {
  std::string cpu_affinity = "per-task";  // -o cpu-affinity=...: per-task or off
  bool exclusive = false;                 // --exclusive: whole nodes
  std::string pmi;                        // -o pmi=... (Open MPI 5: pmix); "" none
  std::vector<std::string> flags;         // more `flux run` flags, verbatim
};

struct LauncherSpec {
  std::string name = "auto";  // auto, flux, mpirun, srun
  FluxOptions flux;
  std::vector<std::string> mpirun_flags;  // more mpirun flags, verbatim
  std::vector<std::string> srun_flags;    // more srun flags, verbatim
};

// Runs in a container: `hpcpat profile` of the image runs the case inside it, with the image's
// MPI and mpirun (single-node: docs/studies.md, "Containers").
struct ContainerSpec {
  std::string image;
  std::string runtime;               // podman, apptainer, singularity
  std::vector<std::string> options;  // more runtime flags, verbatim, before the image
};

enum class Scaling { strong, weak };
// How a weak-scaled integer parameter grows with the node count N: value(N) = round(v * f(N)),
// v being the value the spec gives (its value at one node); f(N) = N, sqrt(N) or cbrt(N).
enum class WeakRule { linear, sqrt, cbrt };

struct Parameter {
  std::string name;
  std::vector<std::string> values;  // as written (a scalar is one value); flags "true"/"false"
};

struct WeakParam {
  std::string name;
  WeakRule rule = WeakRule::linear;
};

struct CaseSpec {
  std::string name;
  std::string app;                    // a built-in app (builtin_apps.hpp), or "" for `command`
  std::vector<std::string> command;   // an external program's argv, ${param} not yet substituted
  std::vector<Parameter> parameters;  // in the spec's order
  std::vector<std::vector<std::string>> zips;  // groups of parameter names that move together
  std::vector<WeakParam> weak;  // with `scaling: weak`: which parameters grow, and how
  std::optional<std::vector<int>> nodes;
  std::optional<int> ranks_per_node, repeats, timeout_s;
  std::vector<NameValue> env;  // added to (and overriding) the study's
  std::optional<ContainerSpec> container;  // replaces the study's
};

struct StudySpec {
  std::string file;  // as given, for messages
  std::string name;
  std::string description;
  LauncherSpec launcher;
  std::vector<int> nodes = {1};
  int ranks_per_node = 1;
  int threads_per_rank = 1;
  int repeats = 1;
  int timeout_s = kDefaultTimeoutSeconds;
  std::vector<NameValue> env;
  std::vector<NameValue> tags;
  std::optional<ContainerSpec> container;
  Scaling scaling = Scaling::strong;
  std::vector<CaseSpec> cases;
};

// Reads and validates the file: a regular file of at most kMaxSpecBytes.
StudySpec load_study(const std::filesystem::path &file);
// The file's text as load_study reads it (the store keeps it verbatim as study.yaml).
std::string read_spec_text(const std::filesystem::path &file);
// The same from text already read; `file` names it in messages.
StudySpec parse_study(std::string_view yaml, const std::string &file);

// Names of studies, cases and parameters' values in run names: [A-Za-z0-9][A-Za-z0-9._-]{0,63}
// (core/yaml's valid_name: one alphabet for every name a spec gives).
bool valid_name(std::string_view name);
// Variables of the ranks' environment a spec may not set (hpcpat sets them), with the reason;
// "" when `name` may be set.
std::string why_reserved_env(std::string_view name);

}  // namespace hpcpat::study
