// What `hpcpat show` reads: one profile file, several files of one run, or a directory holding
// the partial dumps of a run (`<stem>.rank<N>.partial.json`, with `<stem>.json` when it exists).
// Partial dumps are merged (profile_merge.hpp); a complete profile of the same run is preferred
// to them, and a note says so.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hpcpat/base/input_file.hpp"
#include "hpcpat/profile/profile.hpp"

namespace hpcpat::profile {

struct ProfileRead {
  Profile profile;
  std::string shown_as;  // the file, the directory, or "FIRST ... LAST (N files)"
};

// Each file is read as read_profile does (regular files of at most `max_bytes`). Throws
// InputError (exit 2): a directory given with other inputs, a directory without partial dumps,
// files of different runs, two dumps of one rank, two complete profiles.
ProfileRead read_profiles(const std::vector<std::string> &inputs,
                          std::uint64_t max_bytes = kDefaultMaxInputBytes,
                          std::string_view raise_hint = {});

}  // namespace hpcpat::profile
