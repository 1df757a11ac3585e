// The plan: a study spec expanded into the list of runs, each plain data the runner executes
// without looking at the spec again. Deterministic: the same spec gives the same plan, in this
// order (docs/studies.md, "Run names and order"):
//   for each case, in the spec's order
//     for each combination of parameter values: the cartesian product of the axes, an axis being
//       one parameter or one zip group (its lists move together), axes in the order their first
//       parameter is declared, the last axis varying fastest
//       for each node count, in the spec's order
//         for each repeat 1..R
// Strong scaling keeps every parameter's value at every node count; weak scaling applies each
// case's declared rule (study_spec.hpp, WeakRule) to its weak parameters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hpcpat/study/study_spec.hpp"

namespace hpcpat::study {

inline constexpr std::size_t kMaxPlannedRuns = 100000;

struct PlannedRun {
  std::string study;
  // Unique within the plan, safe as a folder name (valid_name's alphabet, at most 128 bytes):
  // <case>.<param>-<value>....n<nodes>.rep<k>; when <case>.<params> would be longer than 96
  // bytes or a value holds characters outside [A-Za-z0-9._+-] (or ".."), the parameter part
  // becomes p<16 hex digits of FNV-1a 64 of "name=value\n"...>, stable across runs of hpcpat.
  std::string name;
  std::string case_name;
  std::string app;                    // the built-in app, or "" for an external command
  std::vector<NameValue> parameters;  // name -> value as text, in the spec's order (after
                                      // weak scaling: the value this run uses)
  int nodes = 1;
  int ranks_per_node = 1;
  int ranks = 1;    // nodes x ranks_per_node
  int threads = 1;  // per rank
  int repeat = 1;   // 1..repeats
  // The rank program's argv, no launcher. argv[0]: for a built-in app the executable's name,
  // which the runner resolves under hpcpat's bin/ (builtin == true); for a command the program
  // as written (looked up in PATH by the run library).
  std::vector<std::string> argv;
  bool builtin = false;
  std::vector<NameValue> env;  // for the ranks: the study's, then the case's overrides,
                               // then OMP_NUM_THREADS=threads unless set
  int timeout_s = kDefaultTimeoutSeconds;
  std::vector<std::string> tags;  // KEY=VALUE: study=, case=, run= first, then the spec's
  std::optional<ContainerSpec> container;
};

struct Plan {
  std::string study;
  std::string file;
  LauncherSpec launcher;
  std::vector<PlannedRun> runs;
};

// The number of runs `spec` expands to (SIZE_MAX when that overflows).
std::size_t count_runs(const StudySpec &spec);
// InputError when the spec expands to more than kMaxPlannedRuns runs (the count is named), or a
// weak-scaled value leaves its parameter's bounds (the run and the value are named).
Plan expand(const StudySpec &spec);

}  // namespace hpcpat::study
