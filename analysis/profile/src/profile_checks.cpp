// The profile's promises that no single field can keep (schemas/profile.v1.schema.json's `allOf`
// and docs/profile-format.md): a reader that accepted a contradiction would print a summary that
// is wrong in ways no reader of it could see (a 4-rank run shown from 2 records, a finalized run
// shown as partial).
#include <string>
#include <vector>

#include "hpcpat/base/input_error.hpp"
#include "readers.hpp"

namespace hpcpat::profile::detail {
namespace {

bool is_call_name(const std::string &name) {
  if (name.size() <= 4 || name.compare(0, 4, "MPI_") != 0) return false;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_';
    if (!ok) return false;
  }
  return true;
}

constexpr const char *kCallName = "a call name matching ^MPI_[A-Za-z0-9_]+$";

// The message JsonNode::fail would give for `value` at `path`.
[[noreturn]] void fail_at(const JsonNode &root, const std::string &path,
                          const nlohmann::json &value, const std::string &expected) {
  nlohmann::json copy = value;
  JsonNode(copy, root.source(), path).fail(expected);
}

void check_world_ranks(const Profile &p, const JsonNode &root) {
  const int n = p.run.ranks;
  std::string expected = "an integer in [0, " + std::to_string(n - 1) + "]";
  for (std::size_t i = 0; i < p.ranks.size(); ++i) {
    if (p.ranks[i].rank >= n) {
      fail_at(root, "ranks[" + std::to_string(i) + "].rank", p.ranks[i].rank, expected);
    }
  }
  const auto &entries = p.comm_matrix.entries;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::string at = "comm_matrix.entries[" + std::to_string(i) + "]";
    if (entries[i].src >= n) fail_at(root, at + "[0]", entries[i].src, expected);
    if (entries[i].dst >= n) fail_at(root, at + "[1]", entries[i].dst, expected);
  }
}

}  // namespace

std::string read_call_name(const JsonNode &node) {
  std::string name = node.nonempty_string();
  if (!is_call_name(name)) node.fail(kCallName);
  return name;
}

void check_call_name(const std::string &name, const JsonNode &call) {
  if (!is_call_name(name)) {
    // The key is shown JSON-escaped, never raw: it may hold a terminal escape sequence.
    std::string calls = call.path().substr(0, call.path().size() - name.size() - 1);
    throw InputError(call.source() + ": field '" + calls + "': expected keys that are " +
                     kCallName + ", found " + nlohmann::json(name).dump());
  }
}

void check_profile(Profile &p, const JsonNode &root) {
  check_world_ranks(p, root);
  const std::string status(exit_kind_name(p.run.exit.status));
  const bool finalized = p.run.exit.status == ExitKind::finalized;
  if (p.complete && !finalized) {
    fail_at(root, "run.exit.status", status,
            "\"finalized\" in a complete profile (complete: true)");
  }
  if (!p.complete && finalized) {
    fail_at(root, "complete", false,
            "true for a run that finalized (run.exit.status \"finalized\")");
  }
  const std::string records = std::to_string(p.ranks.size()) + " rank records";
  if (!p.complete) {
    if (p.ranks.size() != 1) {
      throw InputError(root.source() + ": field 'ranks': expected the one record of the dumping "
                       "rank in a partial dump (complete: false), found " + records);
    }
    p.ranks.front().exit = p.run.exit;
    return;
  }
  std::vector<bool> seen(static_cast<std::size_t>(p.run.ranks), false);
  for (std::size_t i = 0; i < p.ranks.size(); ++i) {
    int r = p.ranks[i].rank;
    if (seen[static_cast<std::size_t>(r)]) {
      throw InputError(root.source() + ": field 'ranks[" + std::to_string(i) +
                       "].rank': rank " + std::to_string(r) + " has a record already");
    }
    seen[static_cast<std::size_t>(r)] = true;
  }
  if (p.ranks.size() != static_cast<std::size_t>(p.run.ranks)) {
    throw InputError(root.source() + ": field 'ranks': expected one record per rank of run.ranks = " +
                     std::to_string(p.run.ranks) + " in a complete profile, found " + records);
  }
}

}  // namespace hpcpat::profile::detail
