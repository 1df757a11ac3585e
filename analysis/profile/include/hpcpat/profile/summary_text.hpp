// The mpiP-like text summary of a profile: run line, MPI share per rank, top calls by time,
// category shares, regions, notes and where the profile is. A pure function of its inputs.
#pragma once

#include <cstddef>
#include <string>

#include "hpcpat/profile/profile.hpp"

namespace hpcpat::profile {

struct SummaryOptions {
  std::size_t top_calls = 10;  // rows of the call table; 0 = all
  std::string profile_path;    // printed last; omitted when empty
};

std::string render_summary(const Profile &p, const SummaryOptions &options);

}  // namespace hpcpat::profile
