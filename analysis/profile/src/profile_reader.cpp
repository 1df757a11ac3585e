// Reads a whole profile: the top level, summary, calls, ranks, matrix and regions (`run` is read in
// run_info_reader.cpp, what must hold across fields in profile_checks.cpp). Rank records and
// matrix entries are read one element at a time, as the stream hands them over (json_stream.hpp)
// or from a DOM; either may come before `run` in the text, so their world ranks are checked
// against `run.ranks` once everything is read.
#include "hpcpat/profile/profile_reader.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "hpcpat/json/json_node.hpp"
#include "hpcpat/json/json_stream.hpp"
#include "readers.hpp"

namespace hpcpat::profile {
namespace {

using detail::read_seconds;
using detail::read_share;
using detail::read_world_rank;

Category read_category(const JsonNode &node) {
  return *category_from_name(node.one_of(kMpiCategoryNames));
}

// A statistics object: four values read with `read` (shares or seconds), then the spread (stdev or
// cov), a plain number. `Stats` declares its five members in the order of `names`.
template <class Stats>
Stats read_stats(const JsonNode &node, const std::array<const char *, 5> &names,
                 double (*read)(const JsonNode &)) {
  std::array<double, 5> v{};
  for (std::size_t i = 0; i < 4; ++i) v[i] = read(node.member(names[i]));
  v[4] = node.member(names[4]).number(0);
  return {v[0], v[1], v[2], v[3], v[4]};
}

Summary read_summary(const JsonNode &node) {
  Summary s;
  s.mpi_fraction = read_stats<FractionStats>(node.member("mpi_fraction"),
                                             {"min", "median", "mean", "max", "stdev"}, read_share);
  s.app_time_s = read_seconds(node.member("app_time_s"));
  s.mpi_time_s = read_seconds(node.member("mpi_time_s"));
  JsonNode categories = node.member("categories");
  for (Category c : kCategories) {
    s.categories[static_cast<std::size_t>(c)] = read_share(categories.member(category_name(c)));
  }
  s.imbalance = node.member("imbalance").number(1);
  return s;
}

SizeBin read_bin(const JsonNode &node) {
  SizeBin b;
  b.bin = static_cast<int>(node.member("bin").integer(0, 47));
  b.lo = node.member("lo").count();
  b.hi = node.member("hi").count(b.lo);
  b.count = node.member("count").count(1);
  b.time_s = read_seconds(node.member("time_s"));
  b.bytes = node.member("bytes").count();
  return b;
}

CallAggregate read_call(const JsonNode &node) {
  CallAggregate c;
  c.name = detail::read_call_name(node.member("name"));
  c.category = read_category(node.member("category"));
  c.count = node.member("count").count(1);
  c.time_s = read_stats<TimeStats>(node.member("time_s"), {"sum", "min", "max", "mean", "cov"},
                                   read_seconds);
  c.bytes = node.member("bytes").count();
  JsonNode h = node.member("histogram");
  for (std::size_t i = 0; i < h.size(); ++i) c.histogram.push_back(read_bin(h.element(i)));
  return c;
}

// World ranks are checked against run.ranks later (check_world_ranks): run may come later.
RankEntry read_rank(const JsonNode &node) {
  RankEntry r;
  r.rank = read_world_rank(node.member("rank"), detail::kMaxRanks);
  r.host = node.member("host").string();
  r.app_time_s = read_seconds(node.member("app_time_s"));
  r.mpi_time_s = read_seconds(node.member("mpi_time_s"));
  r.mpi_fraction = read_share(node.member("mpi_fraction"));
  if (JsonNode t = node.member("interposer_time_s"); t.present()) r.interposer_time_s = read_seconds(t);
  if (JsonNode m = node.member("max_rss_bytes"); m.present()) r.max_rss_bytes = m.count();
  node.member("calls").for_each_member([&](const std::string &name, const JsonNode &call) {
    detail::check_call_name(name, call);
    RankCall rc;
    rc.count = call.member("count").count(1);
    rc.time_s = read_seconds(call.member("time_s"));
    rc.bytes = call.member("bytes").count();
    r.calls.emplace(name, rc);
  });
  return r;
}

CommEntry read_comm_entry(const JsonNode &e) {
  constexpr auto kRanks = static_cast<std::uint64_t>(detail::kMaxRanks);
  std::array<std::uint64_t, 4> row{};
  if (e.unsigned_row(row) && row[0] < kRanks && row[1] < kRanks && row[2] >= 1) {
    return CommEntry{static_cast<int>(row[0]), static_cast<int>(row[1]), row[2], row[3]};
  }
  // Not a plain row: read it field by field, which names what is wrong.
  if (e.size() != 4) e.fail("an array [src, dst, messages, bytes]");
  return CommEntry{read_world_rank(e.element(0), detail::kMaxRanks),
                   read_world_rank(e.element(1), detail::kMaxRanks), e.element(2).count(1),
                   e.element(3).count()};
}

// The matrix but its entries, which were read one by one.
void read_comm_matrix_rest(const JsonNode &node, CommMatrix &m) {
  m.cap = node.member("cap").count();
  m.truncated = node.member("truncated").boolean();
  m.dropped_messages = node.member("dropped_messages").count();
  m.dropped_bytes = node.member("dropped_bytes").count();
}

RegionRecord read_region(const JsonNode &node) {
  RegionRecord r;
  r.name = node.member("name").nonempty_string();
  r.ranks = node.member("ranks").integer(1, detail::kMaxRanks);
  r.count = node.member("count").count(1);
  r.time_s = read_seconds(node.member("time_s"));
  r.mpi_time_s = read_seconds(node.member("mpi_time_s"));
  return r;
}

// Collects the elements of the two long arrays as they come, then reads the rest.
class ProfileAssembler {
 public:
  void add_rank(const JsonNode &node) { p_.ranks.push_back(read_rank(node)); }
  void add_entry(const JsonNode &node) { p_.comm_matrix.entries.push_back(read_comm_entry(node)); }

  // `streamed`: the rank records and entries were handed over already and are gone from `root`.
  Profile finish(const JsonNode &root, bool streamed) {
    root.require_object();
    constexpr std::array<std::string_view, 1> kSchemas = {kSchemaId};
    root.member("schema").one_of(kSchemas);

    Profile &p = p_;
    p.complete = root.member("complete").boolean();
    p.run = detail::read_run(root.member("run"));
    p.summary = read_summary(root.member("summary"));

    JsonNode calls = root.member("calls");
    p.calls.reserve(calls.size());
    for (std::size_t i = 0; i < calls.size(); ++i) p.calls.push_back(read_call(calls.element(i)));

    JsonNode ranks = root.member("ranks");
    JsonNode matrix = root.member("comm_matrix");
    JsonNode entries = matrix.member("entries");
    std::size_t left_ranks = ranks.size(), left_entries = entries.size();
    if (!streamed) {
      for (std::size_t i = 0; i < left_ranks; ++i) add_rank(ranks.element(i));
      for (std::size_t i = 0; i < left_entries; ++i) add_entry(entries.element(i));
    }
    if (p.ranks.empty()) ranks.fail("a non-empty array of rank records");
    read_comm_matrix_rest(matrix, p.comm_matrix);

    JsonNode regions = root.member("regions");
    for (std::size_t i = 0; i < regions.size(); ++i) {
      p.regions.push_back(read_region(regions.element(i)));
    }
    JsonNode notes = root.member("notes");
    for (std::size_t i = 0; i < notes.size(); ++i) p.notes.push_back(notes.element(i).string());
    p.callsites = detail::read_callsites(root.member("callsites"), p.run.ranks);
    detail::check_profile(p, root);
    return std::move(p_);
  }

 private:
  Profile p_;
};

}  // namespace

Profile profile_from_json(const nlohmann::json &document, const std::string &source) {
  return ProfileAssembler().finish(JsonNode(document, source), false);
}

Profile parse_profile(std::string_view json_text, const std::string &source) {
  return profile_from_json(parse_json_text(json_text, source), source);
}

Profile read_profile(const std::filesystem::path &path, std::uint64_t max_bytes,
                     std::string_view raise_hint) {
  const std::string source = path.string();
  InputFile file(path, max_bytes, raise_hint);
  ProfileAssembler assembler;
  std::vector<StreamedArray> streamed = {
      {"ranks", [&](const JsonNode &n) { assembler.add_rank(n); }, 0},
      {"comm_matrix.entries", [&](const JsonNode &n) { assembler.add_entry(n); }, 0}};
  nlohmann::json rest = parse_json_streaming(file.stream(), source, streamed);
  return assembler.finish(JsonNode(rest, source), true);
}

}  // namespace hpcpat::profile
