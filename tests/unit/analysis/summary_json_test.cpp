// The JSON summary carries the same facts as the text one. Expected values are worked out by hand
// from the fixtures: valid_2ranks.json has ranks with 2.0 s app time each, 0.5 s and 1.0 s MPI
// time (1.5 s in all, 4.0 s app time in all), and calls of 0.9, 0.4 and 0.2 s.
#include "hpcpat/report/summary_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fixture.hpp"
#include "hpcpat/profile/profile_reader.hpp"
#include "hpcpat/report/summary_text.hpp"

namespace hpcpat::report {
namespace {

using nlohmann::json;

json summary_of(const std::string &fixture, SummaryOptions options) {
  return json::parse(render_summary_json(profile::read_profile(test::data_file(fixture)), options));
}

TEST(SummaryJson, CompleteProfile) {
  json s = summary_of("valid_2ranks.json", {10, "/tmp/p.json"});
  EXPECT_EQ(s["schema"], "hpcpat.summary.v1");
  EXPECT_EQ(s["profile"], "/tmp/p.json");
  EXPECT_EQ(s["partial"], false);
  EXPECT_EQ(s["run"]["app"], "stencil");
  EXPECT_EQ(s["run"]["ranks"], 2);
  EXPECT_EQ(s["run"]["nodes"], 1);
  EXPECT_DOUBLE_EQ(s["run"]["wall_s"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(s["per_rank"]["percent_mpi"].get<double>(), 37.5);  // 0.75 of 2.0 s
  EXPECT_DOUBLE_EQ(s["per_rank"]["imbalance"].get<double>(), 4.0 / 3);
  EXPECT_DOUBLE_EQ(s["mpi_fraction"]["min"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(s["mpi_fraction"]["median"].get<double>(), 0.375);
  EXPECT_DOUBLE_EQ(s["mpi_fraction"]["mean"].get<double>(), 0.375);
  EXPECT_DOUBLE_EQ(s["mpi_fraction"]["max"].get<double>(), 0.5);
  EXPECT_EQ(s["worst_rank"]["rank"], 1);
  EXPECT_EQ(s["worst_rank"]["host"], "node1");
  EXPECT_EQ(s["calls"]["called"], 3);
  ASSERT_EQ(s["calls"]["top"].size(), 3U);
  const json &top = s["calls"]["top"][0];
  EXPECT_EQ(top["name"], "MPI_Allreduce");
  EXPECT_EQ(top["category"], "collective");
  EXPECT_EQ(top["count"], 20);
  EXPECT_DOUBLE_EQ(top["time_s"].get<double>(), 0.9);
  EXPECT_DOUBLE_EQ(top["percent_mpi"].get<double>(), 60.0);  // 0.9 of 1.5 s
  EXPECT_DOUBLE_EQ(top["percent_app"].get<double>(), 22.5);  // 0.9 of 4.0 s
  EXPECT_DOUBLE_EQ(top["mean_bytes"].get<double>(), 8.0);    // 160 bytes in 20 calls
  EXPECT_DOUBLE_EQ(s["calls"]["top"][1]["mean_bytes"].get<double>(), 1024.0);
  EXPECT_DOUBLE_EQ(s["categories"]["collective"].get<double>(), 0.6);
  EXPECT_DOUBLE_EQ(s["categories"]["point_to_point"].get<double>(), 0.4);
  EXPECT_EQ(s["categories"].size(), 6U);  // zero shares too: every category is a key
  ASSERT_EQ(s["regions"].size(), 1U);
  EXPECT_EQ(s["regions"][0]["name"], "halo");
  EXPECT_DOUBLE_EQ(s["regions"][0]["percent_mpi"].get<double>(), 75.0);  // 0.6 of 0.8 s
  EXPECT_EQ(s["comm_matrix"]["truncated"], false);
  EXPECT_EQ(s["notes"], json::array({"a note for the reader"}));
}

TEST(SummaryJson, TopLimitsTheCallsAndNoPathIsNull) {
  json s = summary_of("valid_2ranks.json", {1, ""});
  EXPECT_EQ(s["calls"]["called"], 3);
  ASSERT_EQ(s["calls"]["top"].size(), 1U);
  EXPECT_EQ(s["calls"]["top"][0]["name"], "MPI_Allreduce");
  EXPECT_TRUE(s["profile"].is_null());
}

TEST(SummaryJson, PartialProfileSaysSo) {
  json s = summary_of("partial_rank1.json", {});
  EXPECT_EQ(s["partial"], true);
  EXPECT_EQ(s["run"]["exit"], "aborted");
  EXPECT_TRUE(s["run"]["nodes"].is_null());
  EXPECT_EQ(s["worst_rank"]["rank"], 1);
  // A call without message data has no mean size, as the text's "-".
  EXPECT_TRUE(s["calls"]["top"][0]["mean_bytes"].is_null());
}

TEST(SummaryReporter, EachFormatIsItsRenderer) {
  profile::Profile p = profile::read_profile(test::data_file("valid_2ranks.json"));
  SummaryOptions options{10, "p.json"};
  EXPECT_EQ(make_summary_reporter(SummaryFormat::text)->report(p, options),
            render_summary(p, options));
  EXPECT_EQ(make_summary_reporter(SummaryFormat::json)->report(p, options),
            render_summary_json(p, options));
}

}  // namespace
}  // namespace hpcpat::report
