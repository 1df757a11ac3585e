// The memory refusal's pure parts: overflow-checked sizes, the limits read from /proc and the
// cgroup files, and the message naming the option, the estimate and the limit.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "hpcpat/workload/memory_budget.hpp"

namespace {

using hpcpat::app::Bytes;
using hpcpat::app::checked_product;
using hpcpat::app::checked_sum;

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

TEST(CheckedSizes, ProductsAndSumsOverflowToEmpty) {
  EXPECT_EQ(checked_product({3, 4, 5}), Bytes(60));
  EXPECT_EQ(checked_product({}), Bytes(1));
  // mlp --hidden 4000000000: (h + 1) * h does not fit 64 bits once multiplied by 8 bytes.
  EXPECT_EQ(checked_product({4000000001ULL, 4000000000ULL}), Bytes(16000000004000000000ULL));
  EXPECT_EQ(checked_product({4000000001ULL, 4000000000ULL, 8}), std::nullopt);
  EXPECT_EQ(checked_product({std::uint64_t{1} << 32, std::uint64_t{1} << 32}), std::nullopt);
  EXPECT_EQ(checked_product({std::nullopt, 0}), std::nullopt);
  EXPECT_EQ(checked_sum({kMax - 1, 1}), Bytes(kMax));
  EXPECT_EQ(checked_sum({kMax, 1}), std::nullopt);
  EXPECT_EQ(checked_sum({2, std::nullopt}), std::nullopt);
}

TEST(NodeMemory, ParsesMeminfo) {
  EXPECT_EQ(hpcpat::app::parse_meminfo_available("MemTotal:       24731400 kB\n"
                                                 "MemFree:        20816856 kB\n"
                                                 "MemAvailable:   22452484 kB\n"
                                                 "Buffers:          123 kB\n"),
            Bytes(22452484ULL * 1024));
  EXPECT_EQ(hpcpat::app::parse_meminfo_available("MemTotal: 1 kB\n"), std::nullopt);
  EXPECT_EQ(hpcpat::app::parse_meminfo_available(""), std::nullopt);
}

TEST(NodeMemory, ParsesCgroupLimits) {
  EXPECT_EQ(hpcpat::app::parse_cgroup_limit("8589934592\n"), Bytes(8589934592ULL));
  EXPECT_EQ(hpcpat::app::parse_cgroup_limit("max\n"), std::nullopt);                // v2: none
  EXPECT_EQ(hpcpat::app::parse_cgroup_limit("9223372036854771712\n"), std::nullopt);  // v1: none
  EXPECT_EQ(hpcpat::app::parse_cgroup_limit(""), std::nullopt);
}

TEST(MemoryMessage, NamesTheOptionTheEstimateAndTheLimit) {
  EXPECT_EQ(hpcpat::app::why_too_big("--n 64", 1 << 20, 1 << 30, "MemAvailable"), "");
  EXPECT_EQ(hpcpat::app::why_too_big("--n 64", 1 << 30, 1 << 30, "MemAvailable"), "");
  EXPECT_EQ(hpcpat::app::why_too_big("--n 100000", 24e15, 3.0 * (1 << 30),
                                     "MemAvailable 12.0 GiB over 4 rank(s) on this node"),
            "--n 100000 needs about 21.3 PiB per rank (estimated from the arguments), more than "
            "the 3.0 GiB available per rank (MemAvailable 12.0 GiB over 4 rank(s) on this "
            "node); use a smaller problem or more nodes");
  EXPECT_NE(hpcpat::app::why_too_big("--hidden 4000000000",
                                     hpcpat::app::as_double(std::nullopt), 1e12, "x")
                .find("needs about more than 16 EiB per rank"),
            std::string::npos);
}

TEST(MemoryMessage, FormatsBytes) {
  EXPECT_EQ(hpcpat::app::format_bytes(512), "512 bytes");
  EXPECT_EQ(hpcpat::app::format_bytes(1536), "1.5 KiB");
  EXPECT_EQ(hpcpat::app::format_bytes(3ULL << 30), "3.0 GiB");
  EXPECT_EQ(hpcpat::app::format_bytes(std::nullopt), "more than 16 EiB");
}

}  // namespace
