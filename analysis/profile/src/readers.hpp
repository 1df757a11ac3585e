// Pieces of the profile reader shared between its source files.
#pragma once

#include "hpcpat/json/json_node.hpp"
#include "hpcpat/profile/profile.hpp"

namespace hpcpat::profile::detail {

// Largest world size a profile may claim; keeps rank checks and allocations sane on garbage input.
inline constexpr std::int64_t kMaxRanks = 1 << 24;

RunInfo read_run(const JsonNode &run);

// A call name as the schema spells it (^MPI_[A-Za-z0-9_]+$): anything else, a name carrying a
// terminal escape sequence say, is not something the interposer wrote.
std::string read_call_name(const JsonNode &node);
// The same for a key of ranks[].calls; `call` is the member's value, naming its place.
void check_call_name(const std::string &name, const JsonNode &call);

// What must hold across fields (profile_checks.cpp): world ranks below run.ranks, one record per
// rank in a complete profile and one in a partial dump, an exit that agrees with `complete`.
void check_profile(Profile &p, const JsonNode &root);

// The optional `callsites` section (callsites_reader.cpp); `present` false when absent.
Callsites read_callsites(const JsonNode &node, int ranks);

// A world rank of a run with `ranks` ranks: an integer in [0, ranks - 1].
inline int read_world_rank(const JsonNode &node, int ranks) {
  return static_cast<int>(node.integer(0, ranks - 1));
}

inline double read_seconds(const JsonNode &node) {
  return node.number(0);
}
inline double read_share(const JsonNode &node) {
  return node.number(0, 1);
}

}  // namespace hpcpat::profile::detail
