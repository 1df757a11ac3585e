// The contract between the hpcpat command (and the kernels) and the interposer: every name and
// format both sides must spell the same way lives here and nowhere else. Header-only and
// dependency-free on purpose: libhpcpat-pmpi.so is a guest built with -fno-exceptions and hidden
// visibility, so nothing here throws, allocates on a hot path or needs a library to link.
//
//   - the HPCPAT_* environment variables (the table in settings.def, with kinds and defaults)
//   - the profile's default file name and the partial per-rank dump names (encoder + decoder)
//   - the HPCPAT_TAGS grammar
//   - the schema ids written into profile.v1 and kernels.v1 documents
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hpcpat::contract {

// ---- Settings: one row per HPCPAT_* variable (settings.def) ------------------------------------

enum class Setting {
#define HPCPAT_SETTING(id, kind, def, lo, hi, readers, meaning) id,
#include "hpcpat/settings.def"
#undef HPCPAT_SETTING
};

struct SettingInfo {
  const char *name;             // "HPCPAT_OUTPUT"
  const char *kind;             // "flag", "integer", "path", "text", "choice"
  const char *default_text;     // what applies when the variable is unset
  unsigned long long min, max;  // bounds of an integer or flag; 0, 0 otherwise
  const char *readers;          // "interposer", "interposer, kernels", "hpcpat"
  const char *meaning;
};

inline constexpr SettingInfo kSettings[] = {
#define HPCPAT_SETTING(id, kind, def, lo, hi, readers, meaning) \
  {"HPCPAT_" #id, kind, def, lo, hi, readers, meaning},
#include "hpcpat/settings.def"
#undef HPCPAT_SETTING
};
inline constexpr std::size_t kNumSettings = sizeof kSettings / sizeof kSettings[0];

constexpr const SettingInfo &setting(Setting s) noexcept {
  return kSettings[static_cast<std::size_t>(s)];
}
constexpr const char *env_name(Setting s) noexcept {
  return setting(s).name;
}

// Never defined: calling it from a consteval function makes a bad table row a compile error.
void settings_def_numeric_default_is_not_a_decimal_number();

// The default of an integer or flag setting, parsed at compile time from its DEFAULT text so the
// number is written once (settings.def). A non-numeric default does not compile where it is used.
consteval unsigned long long default_uint(Setting s) {
  unsigned long long v = 0;
  const char *p = setting(s).default_text;
  if (*p == '\0') settings_def_numeric_default_is_not_a_decimal_number();
  for (; *p != '\0'; ++p) {
    if (*p < '0' || *p > '9') settings_def_numeric_default_is_not_a_decimal_number();
    v = v * 10 + static_cast<unsigned long long>(*p - '0');
  }
  return v;
}

inline constexpr const char *kEnvDisable = env_name(Setting::DISABLE);
inline constexpr const char *kEnvMatrixCap = env_name(Setting::MATRIX_CAP);
inline constexpr const char *kEnvMaxThreads = env_name(Setting::MAX_THREADS);
inline constexpr const char *kEnvTimer = env_name(Setting::TIMER);
inline constexpr const char *kEnvOutput = env_name(Setting::OUTPUT);
inline constexpr const char *kEnvOverwrite = env_name(Setting::OVERWRITE);
inline constexpr const char *kEnvTags = env_name(Setting::TAGS);
inline constexpr const char *kEnvRunId = env_name(Setting::RUN_ID);
inline constexpr const char *kEnvLauncher = env_name(Setting::LAUNCHER);
inline constexpr const char *kEnvContainerImage = env_name(Setting::CONTAINER_IMAGE);
inline constexpr const char *kEnvContainerVariant = env_name(Setting::CONTAINER_VARIANT);
inline constexpr const char *kEnvPmpiLib = env_name(Setting::PMPI_LIB);
inline constexpr const char *kEnvResults = env_name(Setting::RESULTS);
inline constexpr const char *kEnvClusterState = env_name(Setting::CLUSTER_STATE);

// ---- Schema ids ---------------------------------------------------------------------------------

inline constexpr const char *kProfileSchemaId = "hpcpat.profile.v1";
inline constexpr const char *kKernelsSchemaId = "hpcpat.kernels.v1";

// ---- The default profile name -------------------------------------------------------------------
// One form for both writers: hpcpat-<program>-<run id>.json. The run id is unique by construction
// (<host>-<UTC time>-<pid>-<random>, base/run_id.hpp), so two runs started in one directory in the
// same second get two files. hpcpat chooses the run id before launching and passes it to the ranks
// (HPCPAT_RUN_ID), so the name it checks and prints is the name the interposer writes; used
// without hpcpat, rank 0 of the interposer chooses it at MPI_Init. A run id given by the user in
// HPCPAT_RUN_ID may repeat: hpcpat then appends "-2", "-3", ... to a name that is taken, and the
// interposer never replaces an existing file without HPCPAT_OVERWRITE=1.

inline constexpr std::string_view kProfilePrefix = "hpcpat-";
inline constexpr std::string_view kProfileExtension = ".json";

// A run id as HPCPAT_RUN_ID may give it: 1-128 characters from [A-Za-z0-9._-] (a file-name part).
constexpr bool valid_run_id(std::string_view id) noexcept {
  if (id.empty() || id.size() > 128) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

inline std::string default_profile_name(std::string_view program, std::string_view distinguisher) {
  std::string name(kProfilePrefix);
  name.append(program).append("-").append(distinguisher).append(kProfileExtension);
  return name;
}

// ---- Partial per-rank dumps: <stem>.rank<N>.partial.json ----------------------------------------
// <stem> is the profile path without a trailing ".json" (the whole path when it has none).

inline constexpr std::string_view kPartialRankInfix = ".rank";
inline constexpr std::string_view kPartialSuffix = ".partial.json";
inline constexpr std::size_t kMaxRankDigits = 9;

constexpr std::string_view profile_stem(std::string_view profile) noexcept {
  return profile.ends_with(kProfileExtension)
             ? profile.substr(0, profile.size() - kProfileExtension.size())
             : profile;
}

// Encoder: "<dir>/name.json", 3 -> "<dir>/name.rank3.partial.json". Called at MPI_Init, never on
// the hot path.
inline std::string partial_name(std::string_view profile, int rank) {
  std::string name(profile_stem(profile));
  name.append(kPartialRankInfix).append(std::to_string(rank)).append(kPartialSuffix);
  return name;
}

// Decoder: the rank of `candidate` when it is a partial dump of `profile` (both file names, or
// both paths in the same directory), else nothing. Accepts exactly what partial_name writes.
constexpr std::optional<long> partial_rank(std::string_view profile,
                                           std::string_view candidate) noexcept {
  const std::string_view stem = profile_stem(profile);
  const std::size_t fixed = stem.size() + kPartialRankInfix.size() + kPartialSuffix.size();
  if (candidate.size() <= fixed || !candidate.starts_with(stem) ||
      candidate.substr(stem.size(), kPartialRankInfix.size()) != kPartialRankInfix ||
      !candidate.ends_with(kPartialSuffix)) {
    return std::nullopt;
  }
  const std::string_view digits =
      candidate.substr(stem.size() + kPartialRankInfix.size(), candidate.size() - fixed);
  if (digits.size() > kMaxRankDigits) return std::nullopt;
  long rank = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    rank = rank * 10 + (c - '0');
  }
  return rank;
}

// ---- HPCPAT_TAGS: KEY=VALUE{,KEY=VALUE} ---------------------------------------------------------
// hpcpat writes only keys of tag_key_char characters and no separator inside a tag; the readers
// (runinfo::parse_tags) split on the same two characters and, being a guest's parser, keep what
// they can of anything else and say what they ignored.

inline constexpr char kTagSeparator = ',';
inline constexpr char kTagAssign = '=';

constexpr bool tag_key_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

// A tag as hpcpat passes it on: a non-empty KEY of tag_key_char, '=', a VALUE, no separator.
constexpr bool valid_tag(std::string_view tag) noexcept {
  const std::size_t eq = tag.find(kTagAssign);
  if (eq == std::string_view::npos || eq == 0) return false;
  for (const char c : tag.substr(0, eq)) {
    if (!tag_key_char(c)) return false;
  }
  return tag.find(kTagSeparator) == std::string_view::npos;
}

}  // namespace hpcpat::contract
