// The report's pure parts: FixedJson (the fault paths' writer), environment parsing, and
// build_profile() on synthetic records with hand-computed aggregates.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <set>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "env_settings.hpp"
#include "fixed_json.hpp"
#include "profile_builder.hpp"
#include "hpcpat/base/run_id.hpp"
#include "hpcpat/runinfo/run_env.hpp"

namespace hpcpat::pmpi::report {
namespace {

using nlohmann::json;
using runinfo::choose_run_id;
using runinfo::parse_tags;

TEST(FixedJson, WritesParsableJsonWithEscapesAndNumbers) {
  char buf[1024];
  FixedJson j(buf, sizeof buf);
  j.begin_object();
  j.key("s"), j.string("quote\" backslash\\ tab\t nl\n ctl\x01");
  j.key("u"), j.uint(std::numeric_limits<std::uint64_t>::max());
  j.key("i"), j.sint(-42);
  j.key("d"), j.number(1e-5);
  j.key("nan"), j.number(std::nan(""));
  j.key("b"), j.boolean(true);
  j.key("n"), j.null();
  j.key("a");
  j.begin_array();
  j.uint(1);
  j.begin_array(), j.end_array();
  j.begin_object(), j.end_object();
  j.end_array();
  j.members(R"("pre":"formatted","x":1)");
  j.end_object();
  ASSERT_TRUE(j.ok());
  const json d = json::parse(std::string(j.data(), j.size()));
  EXPECT_EQ(d["s"], "quote\" backslash\\ tab\t nl\n ctl\x01");
  EXPECT_EQ(d["u"].get<std::uint64_t>(), std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(d["i"], -42);
  EXPECT_DOUBLE_EQ(d["d"].get<double>(), 1e-5);
  EXPECT_EQ(d["nan"], 0);
  EXPECT_EQ(d["b"], true);
  EXPECT_TRUE(d["n"].is_null());
  EXPECT_EQ(d["a"], json::parse("[1, [], {}]"));
  EXPECT_EQ(d["pre"], "formatted");
  EXPECT_EQ(d["x"], 1);
}

TEST(FixedJson, ReportsOverflowInsteadOfWritingPastTheBuffer) {
  char buf[16];
  std::memset(buf, 'Z', sizeof buf);
  FixedJson j(buf, 8);
  j.begin_object();
  j.key("a long key"), j.uint(1);
  j.end_object();
  EXPECT_FALSE(j.ok());
  EXPECT_EQ(buf[8], 'Z');  // nothing written beyond the capacity
}

TEST(EnvSettings, TagsKeepGoodPairsAndNameBadItemsOnce) {
  std::vector<std::string> problems;
  const json tags = parse_tags(" study = scaling ,broken,=x,nodes=4,nodes=8,", problems);
  EXPECT_EQ(tags, json({{"study", "scaling"}, {"nodes", "8"}}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("HPCPAT_TAGS="), std::string::npos);
  EXPECT_NE(problems[0].find("ignoring 'broken', '=x' (not key=value)"), std::string::npos);
  EXPECT_NE(problems[0].find("'nodes'"), std::string::npos);
  problems.clear();
  EXPECT_EQ(parse_tags(nullptr, problems), json::object());
  EXPECT_EQ(parse_tags("a=1", problems), json({{"a", "1"}}));
  EXPECT_TRUE(problems.empty());
}

// HPCPAT_OUTPUT is used as given, or the default name when unset: the interposer never writes
// anywhere else, and a path it cannot use is one message at MPI_Init naming the variable.
TEST(EnvSettings, OutputPathIsTheGivenOneOrNoneAndProblemsAreNamed) {
  EXPECT_EQ(choose_output_path(nullptr, "app", "r1"), "hpcpat-app-r1.json");
  EXPECT_EQ(choose_output_path("", "app", "r1"), "hpcpat-app-r1.json");
  EXPECT_EQ(choose_output_path("/no/such/dir/p.json", "app", "r1"), "/no/such/dir/p.json");
  EXPECT_EQ(choose_output_path("/tmp/", "app", "r1"), "/tmp/");

  const std::string missing = output_problem("/no/such/dir/p.json", "/no/such/dir/p.json", 2, false);
  EXPECT_EQ(missing.rfind("HPCPAT_OUTPUT='/no/such/dir/p.json': directory '/no/such/dir' does "
                          "not exist",
                          0),
            0u)
      << missing;
  EXPECT_NE(missing.find("none will be written"), std::string::npos) << missing;
  EXPECT_NE(output_problem("/tmp/", "/tmp/", 2, false).find("is a directory"), std::string::npos);
  EXPECT_NE(output_problem("/proc/self/p.json", "/proc/self/p.json", 2, false)
                .find("is under /proc"),
            std::string::npos);
  // The running program itself, even with HPCPAT_OVERWRITE=1.
  char exe[4096] = {};
  ASSERT_GT(::readlink("/proc/self/exe", exe, sizeof exe - 1), 0);
  EXPECT_NE(output_problem(exe, exe, 1, true).find("is the program being profiled"),
            std::string::npos);
  // An existing regular file: kept under HPCPAT_OVERWRITE=0 (hpcpat profile without --force).
  const std::string existing = std::string(::testing::TempDir()) + "hpcpat-existing.json";
  std::FILE *f = std::fopen(existing.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fclose(f);
  EXPECT_NE(output_problem(existing.c_str(), existing, 2, false)
                .find("already exists; expected a new file name (set HPCPAT_OVERWRITE=1"),
            std::string::npos);
  EXPECT_EQ(output_problem(existing.c_str(), existing, 2, true), "");
  std::remove(existing.c_str());
  EXPECT_NE(output_problem(nullptr, "/no/such/dir/hpcpat-app-r1.json", 2, false)
                .rfind("the default profile path '/no/such/dir/hpcpat-app-r1.json': ", 0),
            std::string::npos);
}

TEST(EnvSettings, PartialPathAndRunId) {
  EXPECT_EQ(partial_path("/d/run.json", 3), "/d/run.rank3.partial.json");
  EXPECT_EQ(partial_path("/d/run", 0), "/d/run.rank0.partial.json");
  std::vector<std::string> problems;
  EXPECT_EQ(choose_run_id("study-1.a_b", "h", 0, 1, 7, problems), "study-1.a_b");
  EXPECT_EQ(choose_run_id(nullptr, "node7.cluster", 0, 99, 0xabc, problems),
            "node7-19700101T000000-99-00000abc");
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(choose_run_id("bad/id", "h", 0, 5, 0xffffffffu, problems),
            "h-19700101T000000-5-ffffffff");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("HPCPAT_RUN_ID='bad/id'"), std::string::npos);
}

// Issue 11 (7): host, second and pid repeat (containers sharing a host name, pid namespaces,
// a reused pid), yet two runs must get two ids, hence two profile files.
TEST(EnvSettings, RunIdsDifferWhenHostSecondAndPidRepeat) {
  std::vector<std::string> problems;
  std::set<std::string> ids;
  for (int i = 0; i < 64; ++i) {
    ids.insert(choose_run_id(nullptr, "node7", 1795449605, 1, hpcpat::base::run_nonce(), problems));
  }
  EXPECT_EQ(ids.size(), 64u);
}

int call_index(const char *name) {
  for (int c = 0; c < kNumCalls; ++c) {
    if (std::strcmp(kCalls[c].name, name) == 0) return c;
  }
  ADD_FAILURE() << name << " is not in the wrapper table";
  return 0;
}

// Three ranks on two hosts; rank r spent (r+1) s in MPI_Send out of 10 s, rank 2 also 1 s in
// MPI_Allreduce; two ranks entered region "force".
GatheredRun synthetic_run() {
  GatheredRun g;
  g.ranks.resize(3);
  const int send = call_index("MPI_Send"), allreduce = call_index("MPI_Allreduce");
  for (int r = 0; r < 3; ++r) {
    RankWireRecord &rec = g.ranks[static_cast<std::size_t>(r)];
    std::memset(static_cast<void *>(&rec), 0, sizeof rec);
    std::strcpy(rec.host, r < 2 ? "nodeB" : "nodeA");
    rec.app_s = 10.0;
    rec.threads = rec.registered_threads = 1;
    rec.calls[send] = CallRow{10u * static_cast<unsigned>(r + 1), 1024u * 10u * (r + 1), r + 1.0};
    rec.category_s[static_cast<int>(Category::point_to_point)] = r + 1.0;
    rec.mpi_s = r + 1.0;
    if (r == 2) {
      rec.calls[allreduce] = CallRow{5, 40, 1.0};
      rec.category_s[static_cast<int>(Category::collective)] = 1.0;
      rec.mpi_s += 1.0;
    }
    rec.fraction = rec.mpi_s / rec.app_s;
    if (r < 2) {
      rec.num_regions = 1;
      std::strcpy(rec.regions[0].name, "force");
      rec.regions[0] = RegionRow{"force", 2, 4.0 + r, 0.5};
    }
  }
  const std::size_t bins = static_cast<std::size_t>(kNumCalls) * kSizeBins;
  g.bin_count.assign(bins, 0);
  g.bin_bytes.assign(bins, 0);
  g.bin_time.assign(bins, 0.0);
  const std::size_t b = static_cast<std::size_t>(send) * kSizeBins + 11;  // 1024 B: bin 11
  g.bin_count[b] = 60;
  g.bin_bytes[b] = 61440;
  g.bin_time[b] = 6.0;
  g.matrix = {{2, 0, 30, 30720}, {0, 1, 10, 10240}, {1, 2, 20, 20480}};
  g.dropped_messages = 1;
  g.dropped_bytes = 8;
  return g;
}

TEST(BuildProfile, AggregatesOverRanks) {
  const GatheredRun g = synthetic_run();
  const json run_static = {{"id", "syn"},
                           {"app", "synthetic"},
                           {"command", {"synthetic"}},
                           {"launcher", "mpirun"},
                           {"ranks", 3},
                           {"mpi_library", "test"},
                           {"mpi_version", "3.1"},
                           {"topology", nullptr},
                           {"fabric", nullptr},
                           {"container", nullptr},
                           {"started_at", "2026-11-23T16:00:00Z"},
                           {"hpcpat", {{"version", "0.1.0"}, {"git_sha", "abc"}}},
                           {"timer", {{"source", "tsc"}, {"ns_per_read", 7.0}}},
                           {"tags", json::object()}};
  const std::vector<std::string> notes = {"a note"};
  const json p = build_profile(BuildInput{run_static, notes, 0, 3}, g);

  EXPECT_EQ(p["run"]["nodes"], 2);
  EXPECT_EQ(p["run"]["ranks_per_node"], 2);
  EXPECT_EQ(p["run"]["hosts"], json::parse(R"([{"name":"nodeA","ranks":[2]},
                                               {"name":"nodeB","ranks":[0,1]}])"));
  EXPECT_DOUBLE_EQ(p["run"]["wall_s"].get<double>(), 10.0);
  EXPECT_EQ(p["run"]["exit"]["status"], "finalized");

  // MPI time per rank 1, 2, 4 s of 10: fractions 0.1, 0.2, 0.4.
  const json &f = p["summary"]["mpi_fraction"];
  EXPECT_DOUBLE_EQ(f["min"].get<double>(), 0.1);
  EXPECT_DOUBLE_EQ(f["median"].get<double>(), 0.2);
  EXPECT_NEAR(f["mean"].get<double>(), 0.7 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(f["max"].get<double>(), 0.4);
  const double mean = 0.7 / 3;
  const double var =
      ((0.1 - mean) * (0.1 - mean) + (0.2 - mean) * (0.2 - mean) + (0.4 - mean) * (0.4 - mean)) / 3;
  EXPECT_NEAR(f["stdev"].get<double>(), std::sqrt(var), 1e-12);
  EXPECT_NEAR(p["summary"]["imbalance"].get<double>(), 4.0 / (7.0 / 3), 1e-12);
  EXPECT_NEAR(p["summary"]["categories"]["point_to_point"].get<double>(), 6.0 / 7, 1e-12);
  EXPECT_NEAR(p["summary"]["categories"]["collective"].get<double>(), 1.0 / 7, 1e-12);

  ASSERT_EQ(p["calls"].size(), 2u);
  const json &send = p["calls"][0];  // heaviest first
  EXPECT_EQ(send["name"], "MPI_Send");
  EXPECT_EQ(send["count"], 60);
  EXPECT_EQ(send["bytes"], 61440);
  EXPECT_DOUBLE_EQ(send["time_s"]["sum"].get<double>(), 6.0);
  EXPECT_DOUBLE_EQ(send["time_s"]["min"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(send["time_s"]["max"].get<double>(), 3.0);
  EXPECT_DOUBLE_EQ(send["time_s"]["mean"].get<double>(), 2.0);
  EXPECT_NEAR(send["time_s"]["cov"].get<double>(), std::sqrt(2.0 / 3) / 2.0, 1e-12);
  EXPECT_EQ(send["histogram"], json::parse(R"([{"bin":11,"lo":1024,"hi":2047,"count":60,
                                               "time_s":6.0,"bytes":61440}])"));
  const json &allreduce = p["calls"][1];
  EXPECT_EQ(allreduce["category"], "collective");
  EXPECT_DOUBLE_EQ(allreduce["time_s"]["min"].get<double>(), 0.0);  // ranks 0, 1 never called it
  EXPECT_NEAR(allreduce["time_s"]["mean"].get<double>(), 1.0 / 3, 1e-12);
  EXPECT_TRUE(allreduce["histogram"].empty());

  EXPECT_EQ(p["ranks"][2]["calls"]["MPI_Allreduce"],
            json::parse(R"({"count":5,"time_s":1.0,"bytes":40})"));
  EXPECT_FALSE(p["ranks"][0]["calls"].contains("MPI_Allreduce"));

  EXPECT_EQ(p["comm_matrix"]["entries"],
            json::parse("[[0,1,10,10240],[1,2,20,20480],[2,0,30,30720]]"));
  EXPECT_EQ(p["comm_matrix"]["truncated"], true);
  EXPECT_EQ(p["comm_matrix"]["cap"], 3);
  EXPECT_EQ(p["regions"], json::parse(R"([{"name":"force","ranks":2,"count":4,"time_s":9.0,
                                          "mpi_time_s":1.0}])"));
  EXPECT_EQ(p["notes"][0], "a note");
  EXPECT_EQ(p["notes"].size(), 2u);  // plus the matrix cut

  std::ofstream(HPCPAT_SYNTHETIC_PROFILE) << p.dump(1);  // validated by the next ctest test
}

}  // namespace
}  // namespace hpcpat::pmpi::report
