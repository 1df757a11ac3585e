// Pushing a results store, or one study of it, to an OCI registry as an artifact (`hpcpat push`):
// what to archive and the exact argv of tar and of the oras CLI. Planned here, run by the command;
// nothing here starts a process or writes a file.
//
// The artifact: one layer, a gzip'd tar of the study's folder (or of the whole store, without its
// SQLite index, which `hpcpat results reindex` rebuilds from the folders), media type
// application/vnd.hpcpat.results.v1.tar+gzip, artifact type application/vnd.hpcpat.results.v1,
// annotated with the study and hpcpat's version.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpcpat::store {

inline constexpr const char *kResultsArtifactType = "application/vnd.hpcpat.results.v1";
inline constexpr const char *kResultsLayerType = "application/vnd.hpcpat.results.v1.tar+gzip";

struct PushPlan {
  std::string archive_name;            // the archive's file name, in the working folder
  std::vector<std::string> tar_argv;   // writes the archive (run in the working folder)
  std::vector<std::string> oras_argv;  // pushes it (run in the working folder: oras names the
                                       // layer after the relative path it is given)
};

// "" when `ref` is an OCI reference oras can push to (registry[:port]/repository[:tag]); else
// what was expected. Never an option look-alike.
std::string reference_problem(std::string_view ref);

// The plan for RESULTS (an existing store) or its study `study`, to `ref`. Throws InputError for
// a bad reference, a study name that is not a store name, or a study the store does not hold
// (naming those it does). `oras` is the oras executable to run.
PushPlan plan_push(const std::filesystem::path &results, const std::optional<std::string> &study,
                   const std::string &ref, const std::string &oras,
                   const std::string &hpcpat_version);

}  // namespace hpcpat::store
