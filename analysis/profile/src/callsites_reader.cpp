// Reads the optional `callsites` section (schemas/profile.v1.schema.json $defs/callsites).
#include <algorithm>

#include "readers.hpp"

namespace hpcpat::profile::detail {
namespace {

CallsiteFrame read_frame(const JsonNode &node) {
  CallsiteFrame f;
  f.function = node.member("function").string();
  f.file = node.member("file").string();
  f.line = node.member("line").integer(0);
  f.module = node.member("module").string();
  f.offset = node.member("offset").count();
  return f;
}

Callsite read_site(const JsonNode &node, int ranks) {
  Callsite c;
  c.call = node.member("call").nonempty_string();
  JsonNode frames = node.member("frames");
  for (std::size_t i = 0; i < frames.size(); ++i) c.frames.push_back(read_frame(frames.element(i)));
  c.count = node.member("count").count();
  c.bytes = node.member("bytes").count();
  c.time_s = read_seconds(node.member("time_s"));
  c.share_of_mpi = read_share(node.member("share_of_mpi"));
  JsonNode per_rank = node.member("ranks");
  for (std::size_t i = 0; i < per_rank.size(); ++i) {
    read_world_rank(per_rank.element(i).member("rank"), ranks);
  }
  c.ranks = per_rank.size();
  return c;
}

}  // namespace

Callsites read_callsites(const JsonNode &node, int ranks) {
  Callsites cs;
  if (!node.present()) return cs;
  cs.present = true;
  cs.depth = static_cast<int>(node.member("depth").integer(1, 8));
  cs.resolver = node.member("resolver").nonempty_string();
  JsonNode sites = node.member("sites");
  for (std::size_t i = 0; i < sites.size(); ++i) cs.sites.push_back(read_site(sites.element(i), ranks));
  std::stable_sort(cs.sites.begin(), cs.sites.end(),
                   [](const Callsite &a, const Callsite &b) { return a.time_s > b.time_s; });
  JsonNode other = node.member("other");
  cs.other.call = "other";
  cs.other.count = other.member("count").count();
  cs.other.bytes = other.member("bytes").count();
  cs.other.time_s = read_seconds(other.member("time_s"));
  cs.other.share_of_mpi = read_share(other.member("share_of_mpi"));
  return cs;
}

}  // namespace hpcpat::profile::detail
