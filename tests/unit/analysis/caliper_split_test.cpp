// The Caliper json-split export of valid_2ranks.json, checked row by row against the fixture's
// numbers (rank 0: 2.0 s app time, 0.5 s MPI, Allreduce 0.1 s and Send 0.4 s; rank 1: 2.0 s,
// 1.0 s MPI, Allreduce 0.8 s and Recv 0.2 s; calls ordered Allreduce, Send, Recv by total time).
#include "hpcpat/report/caliper_split.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "fixture.hpp"
#include "hpcpat/profile/profile_reader.hpp"

namespace hpcpat::report {
namespace {

using nlohmann::json;

json exported(const json &metadata = json::object()) {
  return caliper_split(profile::read_profile(test::data_file("valid_2ranks.json")), metadata);
}

TEST(CaliperSplit, TreeIsTheProgramOverItsMpiRoutines) {
  const json doc = exported();
  ASSERT_EQ(doc["nodes"].size(), 4u);
  EXPECT_EQ(doc["nodes"][0], json({{"label", "stencil"}, {"column", "path"}}));
  EXPECT_EQ(doc["nodes"][1], json({{"label", "MPI_Allreduce"}, {"column", "path"}, {"parent", 0}}));
  EXPECT_EQ(doc["nodes"][2]["label"], "MPI_Send");
  EXPECT_EQ(doc["nodes"][3]["label"], "MPI_Recv");
  EXPECT_EQ(doc["columns"], json({"path", "mpi.rank", "sum#time.duration",
                                  "inclusive#sum#time.duration", "count", "sum#mpi.msg.size"}));
  ASSERT_EQ(doc["column_metadata"].size(), 6u);
  EXPECT_FALSE(doc["column_metadata"][0]["is_value"].get<bool>());
  for (std::size_t i = 1; i < 6; ++i) EXPECT_TRUE(doc["column_metadata"][i]["is_value"].get<bool>());
}

TEST(CaliperSplit, RowsArePerRankAndAddUpToTheAppTime) {
  const json data = exported()["data"];
  const json expected = json::array({
      {0, 0, 1.5, 2.0, 1, 0}, {1, 0, 0.1, 0.1, 10, 80}, {2, 0, 0.4, 0.4, 5, 5120},
      {0, 1, 1.0, 2.0, 1, 0}, {1, 1, 0.8, 0.8, 10, 80}, {3, 1, 0.2, 0.2, 5, 5120},
  });
  ASSERT_EQ(data.size(), expected.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    for (std::size_t c = 0; c < 6; ++c) {
      EXPECT_DOUBLE_EQ(data[i][c].get<double>(), expected[i][c].get<double>()) << i << "," << c;
    }
  }
}

TEST(CaliperSplit, RunFactsAndCallersMetadataAreTopLevelKeys) {
  const json doc = exported({{"study", "s1"}, {"param.n", 64}});
  EXPECT_EQ(doc["mpi.world.size"], 2);
  EXPECT_EQ(doc["numhosts"], 1);
  EXPECT_EQ(doc["app"], "stencil");
  EXPECT_EQ(doc["tag.variant"], "a");
  EXPECT_EQ(doc["study"], "s1");
  EXPECT_EQ(doc["param.n"], 64);
  EXPECT_DOUBLE_EQ(doc["mpi_fraction.median"].get<double>(), 0.375);
}

TEST(CaliperSplit, MetadataMayNotReplaceASection) {
  for (const char *key : {"nodes", "columns", "column_metadata", "data"}) {
    EXPECT_THROW(exported({{key, 1}}), std::invalid_argument) << key;
  }
}

}  // namespace
}  // namespace hpcpat::report
