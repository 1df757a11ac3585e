// The NCCL-tests bus bandwidth convention, with exact values (the factors are rationals whose
// double results are exact or correctly rounded divisions, so EXPECT_DOUBLE_EQ applies).
#include "hpcpat/kernels/bus_bandwidth.hpp"

#include <gtest/gtest.h>

namespace hpcpat::kernels {
namespace {

TEST(BusBandwidth, FactorsFollowNcclTests) {
  EXPECT_DOUBLE_EQ(bus_factor(BusPattern::allreduce, 2), 1.0);  // 2(n-1)/n
  EXPECT_DOUBLE_EQ(bus_factor(BusPattern::allreduce, 4), 1.5);
  EXPECT_DOUBLE_EQ(bus_factor(BusPattern::allreduce, 3), 4.0 / 3.0);
  EXPECT_DOUBLE_EQ(bus_factor(BusPattern::allgather, 4), 0.75);  // (n-1)/n
  EXPECT_DOUBLE_EQ(bus_factor(BusPattern::alltoall, 8), 0.875);
  EXPECT_DOUBLE_EQ(bus_factor(BusPattern::reduce_scatter, 2), 0.5);
  EXPECT_DOUBLE_EQ(bus_factor(BusPattern::allreduce, 1), 0.0);  // nothing crosses a bus
}

TEST(BusBandwidth, NcclSizeFromOsuSize) {
  // OSU's allgather/alltoall size is per rank/per pair; NCCL's S is the whole exchange.
  EXPECT_DOUBLE_EQ(nccl_size(BusPattern::allgather, 1024, 4), 4096.0);
  EXPECT_DOUBLE_EQ(nccl_size(BusPattern::alltoall, 1024, 3), 3072.0);
  EXPECT_DOUBLE_EQ(nccl_size(BusPattern::allreduce, 1024, 4), 1024.0);
  EXPECT_DOUBLE_EQ(nccl_size(BusPattern::reduce_scatter, 1024, 4), 1024.0);
}

TEST(BusBandwidth, AllreduceOneMebibyteOnFourRanks) {
  // 1 MiB in 1 ms: algbw = 1048576 / 1e-3 / 1e9 = 1.048576 GB/s; busbw = 1.5x that.
  const Bandwidths b = bus_bandwidth(BusPattern::allreduce, 1 << 20, 4, 1e-3);
  EXPECT_DOUBLE_EQ(b.alg_gb_s, 1.048576);
  EXPECT_DOUBLE_EQ(b.bus_gb_s, 1.048576 * 1.5);
}

TEST(BusBandwidth, AllgatherUsesTheWholeGatheredVector) {
  // 256 KiB per rank on 4 ranks in 2 ms: S = 1 MiB, algbw = 0.524288, busbw x 3/4.
  const Bandwidths b = bus_bandwidth(BusPattern::allgather, 256 << 10, 4, 2e-3);
  EXPECT_DOUBLE_EQ(b.alg_gb_s, 0.524288);
  EXPECT_DOUBLE_EQ(b.bus_gb_s, 0.524288 * 0.75);
}

TEST(BusBandwidth, OnlyTheFourCollectivesHaveOne) {
  EXPECT_EQ(bus_pattern_of("allreduce"), BusPattern::allreduce);
  EXPECT_EQ(bus_pattern_of("allgather"), BusPattern::allgather);
  EXPECT_EQ(bus_pattern_of("alltoall"), BusPattern::alltoall);
  EXPECT_EQ(bus_pattern_of("reduce_scatter"), BusPattern::reduce_scatter);
  EXPECT_FALSE(bus_pattern_of("bcast").has_value());
  EXPECT_FALSE(bus_pattern_of("allgatherv").has_value());
}

}  // namespace
}  // namespace hpcpat::kernels
