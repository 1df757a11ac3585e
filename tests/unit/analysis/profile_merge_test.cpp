// The merge of one run's partial dumps. data/merge/ holds the two dumps of a 2-rank run, built by
// hand: rank 0 (SIGTERM, 1.0 s app, MPI_Send 4 x 1 KiB in 0.2 s, MPI_Barrier 2 in 0.05 s, row
// 0 -> 1: 4 messages, 4096 bytes) and rank 1 (MPI_Abort(7), 0.5 s app, MPI_Recv 4 x 1 KiB in
// 0.3 s, MPI_Barrier 1 in 0.1 s, MPI_Send 2 x 32 B in 0 s, row 1 -> 0: 2 messages, 64 bytes);
// both ran region "phase" (0.8 s / 0.2 s MPI and 0.4 s / 0.3 s MPI).
#include "hpcpat/profile/profile_merge.hpp"

#include <gtest/gtest.h>

#include <string>

#include "fixture.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/profile/profile_inputs.hpp"
#include "hpcpat/profile/profile_reader.hpp"

namespace hpcpat::profile {
namespace {

const std::string kRank0 = test::data_file("merge/run_a.rank0.partial.json").string();
const std::string kRank1 = test::data_file("merge/run_a.rank1.partial.json").string();

const CallAggregate &call(const Profile &p, const std::string &name) {
  for (const CallAggregate &c : p.calls) {
    if (c.name == name) return c;
  }
  throw std::runtime_error("no call " + name);
}

std::string error_of(const std::vector<std::string> &inputs) {
  try {
    read_profiles(inputs);
  } catch (const InputError &e) {
    return e.what();
  }
  return "no error";
}

TEST(ProfileMerge, TheAbortIsTheRunsExitNotTheSignal) {
  Profile p = read_profiles({test::data_file("merge").string()}).profile;
  EXPECT_FALSE(p.complete);
  EXPECT_EQ(p.run.exit.status, ExitKind::aborted);
  EXPECT_EQ(p.run.exit.code, 7);
  ASSERT_NE(exit_rank(p), nullptr);
  EXPECT_EQ(exit_rank(p)->rank, 1);
  ASSERT_EQ(p.ranks.size(), 2U);
  EXPECT_EQ(p.ranks[0].rank, 0);
  EXPECT_EQ(p.ranks[0].exit->status, ExitKind::signal);
  EXPECT_EQ(p.ranks[0].exit->signal, 15);
  EXPECT_EQ(p.ranks[1].exit->status, ExitKind::aborted);
  EXPECT_DOUBLE_EQ(p.run.wall_s, 1.0);  // the longer of the two
  ASSERT_EQ(p.run.hosts.size(), 1U);
  EXPECT_EQ(p.run.hosts[0].ranks, (std::vector<int>{0, 1}));
  EXPECT_TRUE(p.run.topology.has_value());  // rank 0's
}

TEST(ProfileMerge, FiguresOverTheRanksRead) {
  Profile p = read_profiles({kRank1, kRank0}).profile;  // order given does not matter
  ASSERT_EQ(p.calls.size(), 3U);
  EXPECT_EQ(p.calls[0].name, "MPI_Recv");  // 0.3 s, then MPI_Send 0.2 s, MPI_Barrier 0.15 s
  EXPECT_EQ(p.calls[1].name, "MPI_Send");
  const CallAggregate &send = call(p, "MPI_Send");
  EXPECT_EQ(send.count, 6U);
  EXPECT_EQ(send.bytes, 4160U);
  EXPECT_DOUBLE_EQ(send.time_s.min, 0.0);
  EXPECT_DOUBLE_EQ(send.time_s.max, 0.2);
  EXPECT_DOUBLE_EQ(send.time_s.mean, 0.1);
  EXPECT_DOUBLE_EQ(send.time_s.cov, 1.0);
  ASSERT_EQ(send.histogram.size(), 2U);  // bin 6 (32..63) from rank 1, bin 11 from rank 0
  EXPECT_EQ(send.histogram[0].bin, 6);
  EXPECT_EQ(send.histogram[0].count, 2U);
  EXPECT_EQ(send.histogram[1].bin, 11);
  EXPECT_EQ(send.histogram[1].bytes, 4096U);
  const CallAggregate &barrier = call(p, "MPI_Barrier");
  EXPECT_EQ(barrier.count, 3U);
  EXPECT_DOUBLE_EQ(barrier.time_s.sum, 0.15);
  EXPECT_NEAR(barrier.time_s.cov, 1.0 / 3, 1e-12);  // stdev 0.025 of mean 0.075
  EXPECT_EQ(barrier.histogram.at(0).count, 3U);

  EXPECT_DOUBLE_EQ(p.summary.mpi_fraction.min, 0.25);
  EXPECT_DOUBLE_EQ(p.summary.mpi_fraction.max, 0.8);
  EXPECT_DOUBLE_EQ(p.summary.mpi_fraction.median, 0.525);
  EXPECT_DOUBLE_EQ(p.summary.mpi_fraction.stdev, 0.275);
  EXPECT_DOUBLE_EQ(p.summary.app_time_s, 0.75);
  EXPECT_DOUBLE_EQ(p.summary.mpi_time_s, 0.325);
  EXPECT_DOUBLE_EQ(p.summary.imbalance, 0.4 / 0.325);
  EXPECT_NEAR(p.summary.share(Category::point_to_point), 0.5 / 0.65, 1e-12);
  EXPECT_NEAR(p.summary.share(Category::collective), 0.15 / 0.65, 1e-12);

  ASSERT_EQ(p.comm_matrix.entries.size(), 2U);
  EXPECT_EQ(p.comm_matrix.entries[0].src, 0);
  EXPECT_EQ(p.comm_matrix.entries[0].bytes, 4096U);
  EXPECT_EQ(p.comm_matrix.entries[1].src, 1);
  EXPECT_EQ(p.comm_matrix.entries[1].messages, 2U);
  ASSERT_EQ(p.regions.size(), 1U);
  EXPECT_EQ(p.regions[0].ranks, 2);
  EXPECT_EQ(p.regions[0].count, 3U);
  EXPECT_DOUBLE_EQ(p.regions[0].time_s, 1.2);
  EXPECT_DOUBLE_EQ(p.regions[0].mpi_time_s, 0.5);
  EXPECT_EQ(p.notes.back(),
            "2 partial dumps merged (ranks 0, 1 of 2): figures over ranks are over the ranks read");
}

TEST(ProfileMerge, OneDumpIsShownAsItIs) {
  ProfileRead r = read_profiles({kRank0});
  EXPECT_EQ(r.shown_as, kRank0);
  EXPECT_EQ(r.profile.run.exit.status, ExitKind::signal);
  EXPECT_EQ(r.profile.notes.size(), 1U);  // no merge note
}

TEST(ProfileMerge, RefusesDumpsOfAnotherRunOrARankTwice) {
  EXPECT_NE(error_of({kRank0, test::data_file("merge_other/run_b.rank1.partial.json").string()})
                .find("partial dumps of different runs cannot be merged"),
            std::string::npos);
  EXPECT_NE(error_of({kRank1, kRank1}).find("rank 1 has a partial dump already"),
            std::string::npos);
  EXPECT_NE(error_of({test::data_file("merge").string(), kRank0}).find("not both"),
            std::string::npos);
  EXPECT_NE(error_of({test::data_file("").string()}).find("no partial dumps"), std::string::npos);
}

TEST(ProfileMerge, ACompleteProfileOfTheRunWinsAndSaysSo) {
  const std::string complete = test::data_file("merge_other/run_a.json").string();
  ProfileRead r = read_profiles({kRank0, complete});
  EXPECT_TRUE(r.profile.complete);
  EXPECT_EQ(r.shown_as, complete);
  EXPECT_EQ(r.profile.notes.back(), "shown: the complete profile " + complete +
                                        "; the 1 partial dump(s) of the same run given with it "
                                        "are not merged");
  EXPECT_NE(error_of({complete, complete}).find("a second complete profile"), std::string::npos);
}

}  // namespace
}  // namespace hpcpat::profile
