// The files and values around one profiled run: the default profile name, HPCPAT_TAGS, whether a
// run wrote a new profile, and the partial per-rank dumps of a failed run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace hpcpat::run {

// <dir>/hpcpat-<basename of program>-<run id>.json (contract::default_profile_name); when that
// name is taken (a run id the user fixed in HPCPAT_RUN_ID, reused) "-2", "-3", ... is appended
// before ".json" so no profile is overwritten.
std::filesystem::path default_profile_path(const std::string &program, const std::string &run_id,
                                           const std::filesystem::path &dir);

// "k=v,k2=v2" from --tag k=v values. Each must be KEY=VALUE with a non-empty KEY of letters,
// digits, '_', '-', '.', and neither part may hold ',' (contract::valid_tag); keys must be unique.
// InputError otherwise.
std::string tags_env_value(const std::vector<std::string> &tags);

// Identity of a file at one moment, to tell whether a run replaced it (the interposer renames a
// new file into place, so the inode changes).
struct FileStamp {
  bool exists = false;
  std::uint64_t inode = 0;
  std::int64_t mtime_ns = 0;
  friend bool operator==(const FileStamp &, const FileStamp &) = default;
};
FileStamp stamp_file(const std::filesystem::path &path);

// The partial dumps that belong to `profile` (<stem>.rank<N>.partial.json, decoded by
// contract::partial_rank), by rank.
std::vector<std::filesystem::path> partial_profiles(const std::filesystem::path &profile);

}  // namespace hpcpat::run
