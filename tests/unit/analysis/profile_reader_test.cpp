// A valid profile reads into exactly the values the file holds.
#include "hpcpat/profile/profile_reader.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fixture.hpp"
#include "hpcpat/base/text_file.hpp"
#include "hpcpat/profile/rank_totals.hpp"

namespace hpcpat::profile {
namespace {

TEST(ProfileReader, ValidProfileRoundTripsEveryField) {
  Profile p = read_profile(test::data_file("valid_2ranks.json"));
  EXPECT_TRUE(p.complete);

  const RunInfo &r = p.run;
  EXPECT_EQ(r.id, "node1-20261123T160000Z-4242");
  EXPECT_EQ(r.app, "stencil");
  EXPECT_EQ(r.command, (std::vector<std::string>{"./stencil", "--size", "a b;$HOME"}));
  EXPECT_EQ(r.launcher, "mpirun");
  EXPECT_EQ(r.ranks, 2);
  EXPECT_EQ(r.nodes, 1);
  EXPECT_EQ(r.ranks_per_node, 2);
  EXPECT_EQ(r.threads.level, "MPI_THREAD_SINGLE");
  EXPECT_EQ(r.threads.max_per_rank, 1);
  ASSERT_EQ(r.hosts.size(), 1u);
  EXPECT_EQ(r.hosts[0].name, "node1");
  EXPECT_EQ(r.hosts[0].ranks, (std::vector<int>{0, 1}));
  EXPECT_EQ(r.mpi_library.rfind("Open MPI v4.1.4", 0), 0u);
  EXPECT_EQ(r.mpi_version, "3.1");
  ASSERT_TRUE(r.topology.has_value());
  EXPECT_EQ(r.topology->packages, 1u);
  EXPECT_EQ(r.topology->numa_nodes, 1u);
  EXPECT_EQ(r.topology->cores, 2u);
  EXPECT_EQ(r.topology->pus, 2u);
  ASSERT_TRUE(r.fabric.has_value());
  EXPECT_EQ(r.fabric->providers, (std::vector<std::string>{"tcp", "shm"}));
  EXPECT_FALSE(r.container.has_value());
  EXPECT_EQ(r.started_at, "2026-11-23T16:00:00Z");
  EXPECT_DOUBLE_EQ(r.wall_s, 2.0);
  EXPECT_EQ(r.exit.status, ExitKind::finalized);
  EXPECT_EQ(r.exit.code, 0);
  EXPECT_FALSE(r.exit.signal.has_value());
  EXPECT_EQ(r.hpcpat.version, "0.1.0");
  EXPECT_EQ(r.hpcpat.git_sha, "abc123");
  EXPECT_EQ(r.timer.source, "tsc");
  EXPECT_DOUBLE_EQ(r.timer.ns_per_read, 7.1);
  EXPECT_EQ(r.tags, (std::map<std::string, std::string>{{"study", "unit"}, {"variant", "a"}}));

  const Summary &s = p.summary;
  EXPECT_DOUBLE_EQ(s.mpi_fraction.min, 0.25);
  EXPECT_DOUBLE_EQ(s.mpi_fraction.median, 0.375);
  EXPECT_DOUBLE_EQ(s.mpi_fraction.mean, 0.375);
  EXPECT_DOUBLE_EQ(s.mpi_fraction.max, 0.5);
  EXPECT_DOUBLE_EQ(s.mpi_fraction.stdev, 0.125);
  EXPECT_DOUBLE_EQ(s.app_time_s, 2.0);
  EXPECT_DOUBLE_EQ(s.mpi_time_s, 0.75);
  EXPECT_DOUBLE_EQ(s.share(Category::point_to_point), 0.4);
  EXPECT_DOUBLE_EQ(s.share(Category::collective), 0.6);
  EXPECT_DOUBLE_EQ(s.share(Category::io), 0.0);
  EXPECT_NEAR(s.imbalance, 4.0 / 3.0, 1e-15);

  ASSERT_EQ(p.calls.size(), 3u);
  const CallAggregate &c = p.calls[0];
  EXPECT_EQ(c.name, "MPI_Allreduce");
  EXPECT_EQ(c.category, Category::collective);
  EXPECT_EQ(c.count, 20u);
  EXPECT_DOUBLE_EQ(c.time_s.sum, 0.9);
  EXPECT_DOUBLE_EQ(c.time_s.min, 0.3);
  EXPECT_DOUBLE_EQ(c.time_s.max, 0.6);
  EXPECT_DOUBLE_EQ(c.time_s.mean, 0.45);
  EXPECT_EQ(c.bytes, 160u);
  ASSERT_EQ(c.histogram.size(), 1u);
  EXPECT_EQ(c.histogram[0].bin, 4);
  EXPECT_EQ(c.histogram[0].lo, 8u);
  EXPECT_EQ(c.histogram[0].hi, 15u);
  EXPECT_EQ(c.histogram[0].count, 20u);
  EXPECT_EQ(c.histogram[0].bytes, 160u);
  EXPECT_EQ(p.calls[1].name, "MPI_Send");
  EXPECT_EQ(p.calls[1].category, Category::point_to_point);
  EXPECT_EQ(p.calls[2].name, "MPI_Recv");

  ASSERT_EQ(p.ranks.size(), 2u);
  EXPECT_EQ(p.ranks[1].rank, 1);
  EXPECT_EQ(p.ranks[1].host, "node1");
  EXPECT_DOUBLE_EQ(p.ranks[1].mpi_fraction, 0.5);
  ASSERT_EQ(p.ranks[1].calls.size(), 2u);
  EXPECT_EQ(p.ranks[1].calls.at("MPI_Recv").count, 5u);
  EXPECT_EQ(p.ranks[1].calls.at("MPI_Recv").bytes, 5120u);
  EXPECT_DOUBLE_EQ(p.ranks[1].calls.at("MPI_Allreduce").time_s, 0.8);

  ASSERT_EQ(p.comm_matrix.entries.size(), 1u);
  EXPECT_EQ(p.comm_matrix.entries[0].src, 0);
  EXPECT_EQ(p.comm_matrix.entries[0].dst, 1);
  EXPECT_EQ(p.comm_matrix.entries[0].messages, 5u);
  EXPECT_EQ(p.comm_matrix.entries[0].bytes, 5120u);
  EXPECT_EQ(p.comm_matrix.cap, 4096u);
  EXPECT_FALSE(p.comm_matrix.truncated);

  ASSERT_EQ(p.regions.size(), 1u);
  EXPECT_EQ(p.regions[0].name, "halo");
  EXPECT_EQ(p.regions[0].ranks, 2);
  EXPECT_EQ(p.regions[0].count, 10u);
  EXPECT_DOUBLE_EQ(p.regions[0].mpi_time_s, 0.6);
  EXPECT_EQ(p.notes, (std::vector<std::string>{"a note for the reader"}));
}

TEST(ProfileReader, PartialDumpHasNullsWhereOneRankCannotKnow) {
  Profile p = read_profile(test::data_file("partial_rank1.json"));
  EXPECT_FALSE(p.complete);
  EXPECT_EQ(p.run.ranks, 4);
  EXPECT_FALSE(p.run.nodes.has_value());
  EXPECT_FALSE(p.run.ranks_per_node.has_value());
  EXPECT_FALSE(p.run.topology.has_value());
  EXPECT_FALSE(p.run.fabric.has_value());
  ASSERT_TRUE(p.run.container.has_value());
  EXPECT_EQ(p.run.container->image, "ghcr.io/x/y:1");
  EXPECT_FALSE(p.run.container->variant.has_value());
  EXPECT_EQ(p.run.exit.status, ExitKind::aborted);
  EXPECT_EQ(p.run.exit.code, 3);
  EXPECT_EQ(p.run.threads.level, "MPI_THREAD_MULTIPLE");
  EXPECT_EQ(p.run.threads.max_per_rank, 4);
  EXPECT_TRUE(p.run.tags.empty());
  ASSERT_EQ(p.ranks.size(), 1u);
  EXPECT_EQ(p.ranks[0].rank, 1);
  EXPECT_TRUE(p.comm_matrix.entries.empty());
  EXPECT_TRUE(p.regions.empty());
}

TEST(ProfileReader, UnknownMembersAreIgnored) {
  nlohmann::json doc = nlohmann::json::parse(read_text_file(test::data_file("valid_2ranks.json")));
  doc["pattern"] = {{"labels", {"halo"}}};
  doc["run"]["future_field"] = 1;
  Profile p = profile_from_json(doc, "x.json");
  EXPECT_EQ(p.run.app, "stencil");
}

TEST(RankTotals, SumsRanksAndFindsTheWorstRank) {
  Profile p = read_profile(test::data_file("valid_2ranks.json"));
  RankTotals t = rank_totals(p);
  EXPECT_DOUBLE_EQ(t.app_time_s, 4.0);
  EXPECT_DOUBLE_EQ(t.mpi_time_s, 1.5);
  EXPECT_EQ(t.worst->rank, 1);
  EXPECT_EQ(t.best->rank, 0);
}

}  // namespace
}  // namespace hpcpat::profile
