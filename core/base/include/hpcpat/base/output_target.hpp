// Whether a result file can go to a path, checked BEFORE the work that produces it: hpcpat
// profile checks -o (or its default name) before launching, the interposer checks HPCPAT_OUTPUT at
// MPI_Init, so that a bad path is found at the start of a run instead of losing its result at the
// end. The same rules for both, so that the command and the interposer agree on where a profile
// goes. The write itself (atomic_file.hpp) enforces the replacement rules again, race-aware.
#pragma once

#include <cstddef>
#include <string>

namespace hpcpat::base {

struct OutputRules {
  bool replace_existing = false;   // an existing regular file may be replaced
  std::size_t name_extra = 0;      // bytes that sibling files add to the name (partial dumps)
  std::string protected_file;      // a file never to replace (the program being profiled)
  const char *replace_hint = "";   // how to allow replacing, e.g. "pass --force to replace it"
};

// The longest partial dump name's extra bytes over the profile's name (".rank<N>.partial.json"
// for ranks up to `ranks` - 1), for OutputRules::name_extra.
std::size_t partial_name_extra(long ranks) noexcept;

// "" when a file can be written at `path` under `rules`; else what is wrong and what was expected,
// without the path (the caller names the flag or variable first), e.g. "directory '/x' does not
// exist; expected a file path in an existing, writable directory". In order: a file name at all,
// not under /proc or /sys (kernel file systems: a write there changes the system or is lost),
// the directory exists, is writable (probed by creating and removing a file), the name fits the
// file system (NAME_MAX, with room for the writer's temporary and the partial dumps), the target
// is not the protected file, and is new, or a regular file that may be replaced. Not
// async-signal-safe; allocates.
std::string output_target_problem(const std::string &path, const OutputRules &rules);

}  // namespace hpcpat::base
