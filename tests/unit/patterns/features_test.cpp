// Every feature of analysis/patterns on profiles whose truth is known by construction (features.hpp,
// docs/patterns.md "Features").
#include <gtest/gtest.h>

#include <cmath>

#include "hpcpat/patterns/features.hpp"
#include "hpcpat/patterns/rules.hpp"
#include "profile_builder.hpp"

namespace hpcpat::patterns {
namespace {

using test::ProfileBuilder;
constexpr auto p2p = MpiCategory::point_to_point;
constexpr auto coll = MpiCategory::collective;
constexpr auto wait = MpiCategory::wait_sync;
constexpr auto other = MpiCategory::other;

TEST(PatternFeatures, ARingOfEightHasTwoPartnersAndWrapsAround) {
  // 8 ranks, each sending 10 messages of 100 bytes to r-1 and r+1 (mod 8).
  const profile::Profile p = ProfileBuilder(8, 2.0, 1.0).neighbours(true, 10, 1000).build();
  const MatrixShape m = matrix_shape(p.comm_matrix, 8);
  EXPECT_EQ(m.messages, 160u);
  EXPECT_EQ(m.bytes, 16000u);
  EXPECT_DOUBLE_EQ(m.partners_mean, 2.0);
  EXPECT_EQ(m.partners_max, 2);
  EXPECT_DOUBLE_EQ(m.density, 16.0 / 56.0);
  // 14 pairs at distance 1, the 2 wrap-around pairs (0↔7) at distance 7.
  EXPECT_DOUBLE_EQ(m.mean_distance, (14 * 1 + 2 * 7) / 16.0);
  EXPECT_DOUBLE_EQ(m.wrap_share, 2.0 / 16.0);
  EXPECT_DOUBLE_EQ(m.reciprocity, 1.0);
  EXPECT_TRUE(m.periodic);
  const Features f = compute_features(p);
  // 160 messages over 8 ranks in 2 s of app time: 10 per rank per second.
  EXPECT_DOUBLE_EQ(f.message_rate, 10.0);
}

TEST(PatternFeatures, AChainIsNotPeriodic) {
  const profile::Profile p = ProfileBuilder(8, 1.0, 0.5).neighbours(false, 1, 64).build();
  const Features f = compute_features(p);
  EXPECT_DOUBLE_EQ(f.matrix.partners_mean, 14.0 / 8.0);  // the two ends have one partner
  EXPECT_EQ(f.matrix.partners_max, 2);
  EXPECT_DOUBLE_EQ(f.matrix.mean_distance, 1.0);
  EXPECT_DOUBLE_EQ(f.matrix.wrap_share, 0.0);
  EXPECT_FALSE(f.matrix.periodic);
}

TEST(PatternFeatures, ALargeRingAndATorusArePeriodicByShapeNotByShare) {
  // A ring of 4096: only 2 of 8192 pairs wrap around, each at cyclic distance 1.
  const MatrixShape ring =
      matrix_shape(ProfileBuilder(4096, 1.0, 0.5).neighbours(true, 1, 8).build().comm_matrix, 4096);
  EXPECT_DOUBLE_EQ(ring.wrap_share, 2.0 / 8192.0);
  EXPECT_TRUE(ring.periodic);
  // A 4x4x4 torus (x fastest): neighbours at ±1, ±4, ±16 with wrap-around in every dimension;
  // only z's (0 <-> 48 apart) is farther than P/2, at cyclic distance 16, the reach of z's
  // plain neighbours.
  ProfileBuilder torus(64, 1.0, 0.5), grid(64, 1.0, 0.5);
  for (int r = 0; r < 64; ++r) {
    const int x = r % 4, y = r / 4 % 4, z = r / 16;
    for (int d : {-1, 1}) {
      torus.send(r, (x + d + 4) % 4 + 4 * y + 16 * z, 1, 8)
          .send(r, x + 4 * ((y + d + 4) % 4) + 16 * z, 1, 8)
          .send(r, x + 4 * y + 16 * ((z + d + 4) % 4), 1, 8);
      if (z + d >= 0 && z + d < 4) grid.send(r, x + 4 * y + 16 * (z + d), 1, 8);
    }
  }
  EXPECT_TRUE(matrix_shape(torus.build().comm_matrix, 64).periodic);
  EXPECT_FALSE(matrix_shape(grid.build().comm_matrix, 64).periodic);  // no wrap in z
}

TEST(PatternFeatures, AnAllToAllThroughSendsIsDense) {
  ProfileBuilder b(4, 1.0, 0.5);
  for (int s = 0; s < 4; ++s) {
    for (int d = 0; d < 4; ++d) b.send(s, d, 1, 8);  // the diagonal is left out
  }
  const Features f = compute_features(b.build());
  EXPECT_DOUBLE_EQ(f.matrix.density, 1.0);
  EXPECT_FALSE(f.matrix.periodic);  // it wraps, but reaches everything: no period
  EXPECT_EQ(f.matrix.partners_max, 3);
  EXPECT_DOUBLE_EQ(feature_value(f, "partner_fraction"), 1.0);
  EXPECT_EQ(f.matrix.messages, 12u);
}

TEST(PatternFeatures, AOneWayStreamHasNoReciprocity) {
  // 1 GB from 0 to 1, 4-byte acknowledgements back: 4 / (1e9 + 4) returned.
  const profile::Profile p =
      ProfileBuilder(2, 1.0, 0.9).send(0, 1, 1000, 1000000000).send(1, 0, 1, 4).build();
  const Features f = compute_features(p);
  EXPECT_NEAR(f.matrix.reciprocity, 8.0 / 1000000004.0, 1e-15);
  EXPECT_EQ(f.matrix.partners_max, 1);
}

TEST(PatternFeatures, PairsWrittenTwiceOrOutOfOrderCountOnceAndReturnInKind) {
  // Hand-merged rows: (0,2) twice, nothing sorted. Unique pairs 0→1: 5, 0→2: 20, 1→0: 7,
  // 2→0: 30, 3→1: 100 (never returned); 162 bytes in all.
  profile::CommMatrix m;
  m.entries = {{2, 0, 1, 30}, {0, 2, 1, 10}, {0, 1, 1, 5},  {0, 2, 1, 10},
               {1, 0, 1, 7},  {3, 1, 1, 100}, {1, 1, 9, 9}};  // the last one: to itself
  const MatrixShape shape = matrix_shape(m, 4);
  EXPECT_EQ(shape.messages, 6u);
  EXPECT_EQ(shape.bytes, 162u);
  EXPECT_EQ(shape.partners_max, 2);
  EXPECT_DOUBLE_EQ(shape.partners_mean, 5.0 / 4.0);
  EXPECT_DOUBLE_EQ(shape.density, 5.0 / 12.0);
  // min(5, 7) + min(20, 30), each pair seen from both ends.
  EXPECT_DOUBLE_EQ(shape.reciprocity, 2.0 * (5 + 20) / 162.0);
}

TEST(PatternFeatures, MessageSizesComeFromSendingCallsWithoutTheZeroBin) {
  // A stencil's Isend: 1600 sends to MPI_PROC_NULL (bin 0) and 800 faces of 16 KiB (bin 15);
  // its Irecv books no bytes (the Wait does); a Recv of 10 × 1 KiB and 5 × 4 bytes.
  const profile::Profile p = ProfileBuilder(2, 1.0, 0.5)
                                 .call("MPI_Isend", p2p, 0.2, {{0, 1600, 0}, {15, 800, 800 * 16384}})
                                 .call("MPI_Irecv", p2p, 0.1, {{0, 2400, 0}})
                                 .call("MPI_Recv", p2p, 0.1, {{3, 5, 20}, {11, 10, 10240}})
                                 .call("MPI_Waitall", wait, 0.6, {{16, 400, 800 * 16384}})
                                 .build();
  const Features f = compute_features(p);
  EXPECT_DOUBLE_EQ(f.p2p_mean_bytes, (800.0 * 16384 + 20 + 10240) / 815.0);
  // 815 messages: 5 in bin 3, 10 in bin 11, 800 in bin 15: the middle one is a 16 KiB face.
  EXPECT_DOUBLE_EQ(f.p2p_median_bytes, 16384.0);
}

TEST(PatternFeatures, TheMedianIsTheMeanOfTheMiddleBin) {
  const profile::Profile p =
      ProfileBuilder(2, 1.0, 0.5).call("MPI_Send", p2p, 1.0, {{3, 9, 36}, {11, 6, 6 * 1500}}).build();
  const Features f = compute_features(p);
  EXPECT_DOUBLE_EQ(f.p2p_median_bytes, 4.0);  // 15 messages: the 8th is in bin 3 (all 4 bytes)
  EXPECT_DOUBLE_EQ(f.p2p_mean_bytes, (36.0 + 9000) / 15.0);
}

TEST(PatternFeatures, SharesAreOfTheCommunicationTimeWithoutSetup) {
  // 8 s of MPI over 2 ranks: 4 s setup (other), 2 allreduce, 1 barrier, 1 waitall.
  const profile::Profile p = ProfileBuilder(2, 10.0, 4.0)
                                 .call("MPI_Comm_split_type", other, 4.0)
                                 .call("MPI_Allreduce", coll, 2.0)
                                 .call("MPI_Barrier", coll, 1.0)
                                 .call("MPI_Waitall", wait, 1.0)
                                 .build();
  const Features f = compute_features(p);
  EXPECT_DOUBLE_EQ(f.share(MpiCategory::other), 0.5);
  EXPECT_DOUBLE_EQ(f.share(MpiCategory::collective), 3.0 / 8.0);
  EXPECT_DOUBLE_EQ(f.allreduce_share, 0.5);  // 2 of the 4 s of communication
  EXPECT_DOUBLE_EQ(f.barrier_share, 0.25);
  EXPECT_DOUBLE_EQ(f.p2p_share, 0.25);
  EXPECT_DOUBLE_EQ(f.alltoall_share, 0.0);
  // 0.5 of the communication; communication is 0.4 × (1 − 0.5) of the run.
  EXPECT_DOUBLE_EQ(f.allreduce_run_share, 0.5 * 0.4 * 0.5);
  ASSERT_EQ(f.dominant_calls.size(), kDominantCalls);
  EXPECT_EQ(f.dominant_calls[0].name, "MPI_Comm_split_type");
  EXPECT_DOUBLE_EQ(f.dominant_calls[0].share, 0.5);
  EXPECT_EQ(f.dominant_calls[1].name, "MPI_Allreduce");
  EXPECT_DOUBLE_EQ(f.mpi_fraction_median, 0.4);
  EXPECT_DOUBLE_EQ(f.mpi_fraction_spread, 0.0);
}

TEST(PatternFeatures, ImbalanceAndSpreadOverRanks) {
  // MPI times 1, 1, 1, 3 of 10 s: mean 1.5, population stdev sqrt(0.75).
  const profile::Profile p = ProfileBuilder(4, 10.0, 1.0)
                                 .mpi_times({1, 1, 1, 3})
                                 .call("MPI_Barrier", coll, 6.0)
                                 .build(2.0);
  const Features f = compute_features(p);
  EXPECT_DOUBLE_EQ(f.imbalance, 2.0);
  EXPECT_NEAR(f.mpi_time_cov, std::sqrt(0.75) / 1.5, 1e-12);
  EXPECT_DOUBLE_EQ(f.mpi_fraction_median, 0.1);
  EXPECT_DOUBLE_EQ(f.mpi_fraction_spread, 0.2);
}

TEST(PatternFeatures, OneRankHasNoMatrixShape) {
  const Features f = compute_features(ProfileBuilder(1, 1.0, 0.1).send(0, 0, 5, 50).build());
  EXPECT_EQ(f.matrix.messages, 0u);
  EXPECT_EQ(f.matrix.partners_max, 0);
  EXPECT_DOUBLE_EQ(f.matrix.density, 0.0);
  EXPECT_DOUBLE_EQ(feature_value(f, "partner_fraction"), 0.0);
}

}  // namespace
}  // namespace hpcpat::patterns
