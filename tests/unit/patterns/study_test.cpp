// A study's runs classified (patterns.hpp analyse_study): runs that did not end ok or left no
// profile are skipped with the reason, features by node count become trends, bad profiles and
// studies with nothing to classify are InputErrors; and the views show what was computed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/patterns/patterns.hpp"
#include "hpcpat/patterns/patterns_view.hpp"

namespace hpcpat::patterns {
namespace {

namespace fs = std::filesystem;

const fs::path kData = HPCPAT_TEST_DATA_DIR;

runs::RunSample sample(const std::string &run, int nodes, const std::string &status,
                       const fs::path &profile) {
  runs::RunSample s;
  s.study = "demo";
  s.run = run;
  s.case_name = "ring";
  s.app = "ring";
  s.nodes = nodes;
  s.ranks = 2 * nodes;
  s.ranks_per_node = 2;
  s.status = status;
  s.profile = profile;
  return s;
}

TEST(PatternStudy, ClassifiesOkRunsSkipsTheRestAndTrendsByNodes) {
  const fs::path ring = kData / "valid_2ranks.json";
  const std::vector<runs::RunSample> samples = {
      sample("r1", 1, "ok", ring), sample("r2", 1, "ok", ring), sample("r3", 2, "ok", ring),
      sample("r4", 2, "failed", ring), sample("r5", 4, "ok", "")};
  const PatternsReport r = analyse_study(samples);
  EXPECT_EQ(r.study, "demo");
  ASSERT_EQ(r.runs.size(), 3u);
  EXPECT_EQ(r.runs[0].name, "r1");
  EXPECT_EQ(r.runs[2].nodes, 2);
  ASSERT_EQ(r.skipped.size(), 2u);
  EXPECT_EQ(r.skipped[0].name, "r4");
  EXPECT_EQ(r.skipped[0].reason, "status failed");
  EXPECT_EQ(r.skipped[1].reason, "no profile");
  ASSERT_EQ(r.trends.size(), 1u);
  ASSERT_EQ(r.trends[0].points.size(), 2u);
  EXPECT_EQ(r.trends[0].points[0].nodes, 1);
  EXPECT_EQ(r.trends[0].points[0].runs, 2u);
  EXPECT_EQ(r.trends[0].points[1].nodes, 2);
  EXPECT_EQ(r.trends[0].points[1].ranks, 4);
  // Every run read the same profile: the medians are that profile's figures.
  EXPECT_DOUBLE_EQ(r.trends[0].points[1].mpi_fraction_median,
                   r.runs[0].features.mpi_fraction_median);

  const nlohmann::json j = report_json(r);
  EXPECT_EQ(j["schema"], "hpcpat.patterns.v1");
  EXPECT_EQ(j["runs"].size(), 3u);
  EXPECT_EQ(j["trends"][0]["points"].size(), 2u);
  EXPECT_EQ(j["thresholds"].size(), kThresholds.size());
  const std::string text = report_text(r);
  EXPECT_NE(text.find("skipped r4: status failed"), std::string::npos) << text;
  EXPECT_NE(text.find("features by node count"), std::string::npos) << text;
}

TEST(PatternStudy, NothingToClassifyIsBadInput) {
  EXPECT_THROW(analyse_study({}), InputError);
  const std::vector<runs::RunSample> failed = {sample("r1", 1, "timeout", "")};
  try {
    analyse_study(failed);
    FAIL();
  } catch (const InputError &e) {
    EXPECT_STREQ(e.what(), "study 'demo': none of its 1 run(s) ended ok with a profile; nothing "
                           "to classify");
  }
}

TEST(PatternStudy, ABrokenProfileIsBadInputNamingIt) {
  const fs::path dir = fs::temp_directory_path() / ("hpcpat-patterns-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path cut = dir / "profile.json";
  {
    std::ifstream in(kData / "valid_2ranks.json");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    std::ofstream(cut) << text.substr(0, text.size() / 2);  // truncated mid-document
  }
  const std::vector<runs::RunSample> samples = {sample("r1", 1, "ok", cut)};
  try {
    analyse_study(samples);
    FAIL();
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find(cut.string()), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace hpcpat::patterns
