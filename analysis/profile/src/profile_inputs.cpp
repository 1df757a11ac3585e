// Which files make up the run `hpcpat show` was given, and which of them is shown.
#include "hpcpat/profile/profile_inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/contract.h"
#include "hpcpat/profile/profile_merge.hpp"
#include "hpcpat/profile/profile_reader.hpp"

namespace hpcpat::profile {
namespace {

namespace fs = std::filesystem;

// The profile name a partial dump belongs to ("x.rank3.partial.json" -> "x.json"), checked with
// the contract's own decoder; empty when `name` is not a partial dump's.
std::string profile_of_partial(const std::string &name) {
  if (!name.ends_with(contract::kPartialSuffix)) return {};
  std::string stem = name.substr(0, name.size() - contract::kPartialSuffix.size());
  std::size_t at = stem.rfind(contract::kPartialRankInfix);
  if (at == std::string::npos) return {};
  std::string profile = stem.substr(0, at) + std::string(contract::kProfileExtension);
  return contract::partial_rank(profile, name) ? profile : std::string();
}

// The partial dumps in `dir` and, for each of their runs, the complete profile beside them.
std::vector<std::string> files_in(const std::string &dir) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) throw InputError(dir + ": cannot list the directory: " + ec.message());
  std::vector<std::string> names;
  for (const fs::directory_entry &e : it) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  for (const std::string &name : names) {
    std::string profile = profile_of_partial(name);
    if (profile.empty()) continue;
    files.push_back((fs::path(dir) / name).string());
    std::string complete = (fs::path(dir) / profile).string();
    if (std::find(files.begin(), files.end(), complete) == files.end() &&
        fs::is_regular_file(complete, ec)) {
      files.push_back(complete);
    }
  }
  if (files.empty()) {
    throw InputError(dir + ": no partial dumps (*" + std::string(contract::kPartialRankInfix) +
                     "<N>" + std::string(contract::kPartialSuffix) +
                     ") in this directory; give the profile file itself");
  }
  return files;
}

std::string shown_as(const std::vector<std::string> &files) {
  if (files.size() == 1) return files.front();
  if (files.size() == 2) return files[0] + ", " + files[1];
  return files.front() + " ... " + files.back() + " (" + std::to_string(files.size()) + " files)";
}

}  // namespace

ProfileRead read_profiles(const std::vector<std::string> &inputs, std::uint64_t max_bytes,
                          std::string_view raise_hint) {
  std::vector<std::string> files = inputs;
  std::string shown;
  for (const std::string &in : inputs) {
    std::error_code ec;
    if (!fs::is_directory(in, ec)) continue;
    if (inputs.size() != 1) {
      throw InputError(in + ": a directory, given with other inputs: give one directory or "
                       "profile files, not both");
    }
    files = files_in(in);
    shown = in;
  }
  std::vector<SourcedProfile> partials, complete;
  for (const std::string &f : files) {
    Profile p = read_profile(f, max_bytes, raise_hint);
    (p.complete ? complete : partials).push_back({f, std::move(p)});
  }
  if (shown.empty()) shown = shown_as(files);
  if (complete.empty()) {
    if (partials.size() == 1) return {std::move(partials.front().profile), shown};
    return {merge_partials(std::move(partials)), shown};
  }
  const SourcedProfile &first = complete.front();
  for (const std::vector<SourcedProfile> *group : {&complete, &partials}) {
    for (const SourcedProfile &s : *group) {
      if (s.profile.run.id != first.profile.run.id) {
        throw InputError(s.source + ": run id '" + s.profile.run.id + "' is not the run of " +
                         first.source + " ('" + first.profile.run.id +
                         "'): files of different runs cannot be shown as one");
      }
    }
  }
  if (complete.size() > 1) {
    throw InputError(complete[1].source + ": a second complete profile of run '" +
                     first.profile.run.id + "' (the first is " + first.source +
                     "): give it once");
  }
  ProfileRead read{first.profile, first.source};
  if (!partials.empty()) {
    read.profile.notes.push_back("shown: the complete profile " + first.source + "; the " +
                                 std::to_string(partials.size()) +
                                 " partial dump(s) of the same run given with it are not merged");
  }
  return read;
}

}  // namespace hpcpat::profile
