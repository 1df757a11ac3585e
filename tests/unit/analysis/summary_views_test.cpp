// The optional views of `hpcpat show`, against figures built into the fixtures: valid_2ranks.json
// (ranks with 2.0 s app time, 0.5 and 1.0 s MPI; MPI_Send 5 x 1 KiB in 0.4 s; one matrix pair
// 0 -> 1, 5 messages, 5120 bytes) and ring_10ranks.json (rank r: 0.1 (r+1) s of MPI in 2.0 s,
// r+1 messages of 100 bytes to rank (r+1) % 10).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fixture.hpp"
#include "hpcpat/profile/profile_reader.hpp"
#include "hpcpat/report/summary_json.hpp"
#include "hpcpat/report/summary_text.hpp"

namespace hpcpat::report {
namespace {

SummaryOptions views(std::size_t top = 10) {
  SummaryOptions o{top, ""};
  o.ranks = o.histograms = o.matrix = true;
  return o;
}

std::string text_of(const std::string &fixture, SummaryOptions o) {
  return render_summary(profile::read_profile(test::data_file(fixture)), o);
}

nlohmann::json json_of(const std::string &fixture, SummaryOptions o) {
  return nlohmann::json::parse(
      render_summary_json(profile::read_profile(test::data_file(fixture)), o));
}

void expect_line(const std::string &text, const std::string &line) {
  EXPECT_NE(text.find("\n" + line + "\n"), std::string::npos) << "missing line:\n"
                                                              << line << "\nin:\n" << text;
}

TEST(SummaryViews, NotAskedNotShown) {
  std::string t = text_of("valid_2ranks.json", {10, ""});
  EXPECT_EQ(t.find("Per rank ("), std::string::npos);
  EXPECT_EQ(t.find("Message sizes of"), std::string::npos);
  EXPECT_EQ(t.find("Communication matrix"), std::string::npos);
  nlohmann::json j = json_of("valid_2ranks.json", {10, ""});
  EXPECT_FALSE(j.contains("rank_table") || j.contains("histograms") || j.contains("matrix"));
}

TEST(SummaryViews, RankTableWithMeanMinMaxRows) {
  std::string t = text_of("valid_2ranks.json", views());
  expect_line(t, "Per rank (mpiP's Task Time Statistics; 2 of 2 ranks)");
  expect_line(t, "       0 node1                2.000000     0.500000   25.00  finalized");
  expect_line(t, "       1 node1                2.000000     1.000000   50.00  finalized");
  expect_line(t, "    mean                      2.000000     0.750000   37.50");
  expect_line(t, "     min                      2.000000     0.500000   25.00");
  expect_line(t, "     max                      2.000000     1.000000   50.00");
}

TEST(SummaryViews, HistogramsCountTimeBytesPerBin) {
  std::string t = text_of("valid_2ranks.json", views());
  expect_line(t, "Message sizes of MPI_Send (summed over ranks)");
  expect_line(t, "               1024..2047            5     0.400000  100.00             5120");
  expect_line(t, "                    8..15           20     0.900000  100.00              160");
}

TEST(SummaryViews, SmallRunsGetGridsOfMessagesAndBytes) {
  std::string t = text_of("valid_2ranks.json", views());
  expect_line(t, "  messages (row: sender, column: receiver)");
  expect_line(t, "         0            0            5");
  expect_line(t, "         0            0         5120");
  expect_line(t, "  heaviest 1 of 1 sender-receiver pairs, by bytes");
  expect_line(t, "         0        1            5             5120");
}

TEST(SummaryViews, LargeRunsGetTheHeaviestPairsOnly) {
  std::string t = text_of("ring_10ranks.json", views(3));
  EXPECT_EQ(t.find("(row: sender"), std::string::npos);  // 10 ranks: no grid
  expect_line(t, "  heaviest 3 of 10 sender-receiver pairs, by bytes (--top 0: all)");
  expect_line(t, "         9        0           10             1000");
  expect_line(t, "         8        9            9              900");
  expect_line(t, "         7        8            8              800");
  EXPECT_EQ(t.find("         6        7"), std::string::npos);
  expect_line(t, "    mean                      2.000000     0.550000   27.50");
  expect_line(t, "     min                      2.000000     0.100000    5.00");
  expect_line(t, "     max                      2.000000     1.000000   50.00");
  nlohmann::json all = json_of("ring_10ranks.json", views(0));
  EXPECT_EQ(all["matrix"]["pairs"], 10);
  EXPECT_EQ(all["matrix"]["heaviest"].size(), 10U);
  EXPECT_EQ(all["matrix"]["heaviest"][9], (nlohmann::json{{"src", 0}, {"dst", 1}, {"messages", 1},
                                                          {"bytes", 100}}));
}

TEST(SummaryViews, JsonCarriesTheSameRows) {
  nlohmann::json j = json_of("ring_10ranks.json", views());
  const nlohmann::json &rows = j["rank_table"]["ranks"];
  ASSERT_EQ(rows.size(), 10U);
  EXPECT_EQ(rows[3]["rank"], 3);
  EXPECT_DOUBLE_EQ(rows[3]["mpi_time_s"].get<double>(), 0.4);
  EXPECT_DOUBLE_EQ(rows[3]["percent_mpi"].get<double>(), 20.0);
  EXPECT_TRUE(rows[3]["exit_code"].is_null());
  EXPECT_DOUBLE_EQ(j["rank_table"]["max"]["mpi_time_s"].get<double>(), 1.0);
  ASSERT_EQ(j["histograms"].size(), 1U);
  const nlohmann::json &bin = j["histograms"][0]["bins"][0];
  EXPECT_EQ(j["histograms"][0]["name"], "MPI_Send");
  EXPECT_EQ(bin["bin"], 7);
  EXPECT_EQ(bin["lo"], 64);
  EXPECT_EQ(bin["hi"], 127);
  EXPECT_EQ(bin["count"], 55);
  EXPECT_EQ(bin["bytes"], 5500);
  EXPECT_DOUBLE_EQ(bin["percent_time"].get<double>(), 100.0);
  EXPECT_EQ(j["matrix"]["heaviest"].size(), 10U);  // --top 10
}

TEST(SummaryViews, MergedDumpsShowEachRanksEnd) {
  profile::Profile p = profile::read_profile(test::data_file("merge/run_a.rank1.partial.json"));
  std::string t = render_summary(p, views());
  expect_line(t, "       1 node1                0.500000     0.400000   80.00  MPI_Abort(7)");
  expect_line(t, "Per rank (mpiP's Task Time Statistics; 1 of 2 ranks)");
}

}  // namespace
}  // namespace hpcpat::report
