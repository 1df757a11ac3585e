// The kernels' table keeps its columns apart whatever the magnitudes: a value wider than its
// field (a large message over a slow link: latencies of millions of microseconds) widens it by a
// space instead of running into its neighbour. Truth by construction: every row printed splits
// on whitespace back into exactly the values it was given.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "hpcpat/kernels/table.hpp"

namespace hpcpat::kernels {
namespace {

std::vector<std::string> words(const std::string &line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

TEST(TableCell, AlwaysLeadsWithASpaceAndKeepsItsWidth) {
  for (int width : {10, 13, 18}) {
    for (int e = -3; e <= 20; ++e) {
      for (double sign : {1.0, -1.0}) {
        const double v = sign * 7.123456789 * std::pow(10.0, e);
        const std::string cell = table_cell(v, width, 2);
        EXPECT_EQ(cell.front(), ' ') << cell;
        EXPECT_GE(cell.size(), static_cast<std::size_t>(width)) << cell;
        char expected[400];
        std::snprintf(expected, sizeof expected, "%.2f", v);
        EXPECT_EQ(words(cell), std::vector<std::string>{expected}) << cell;
      }
    }
  }
}

TEST(TableCell, NarrowValuesKeepTheOsuLayout) {
  EXPECT_EQ(table_cell(23.63, 10, 2), "     23.63");
  EXPECT_EQ(table_cell("-", 10), "         -");
  EXPECT_EQ(table_cell(1.5, 13, 3), "        1.500");
}

std::string print_row(const KernelInfo &info, const SizeSummary &row, const RowFigures &fig) {
  char buffer[4096] = {};
  std::FILE *out = fmemopen(buffer, sizeof buffer - 1, "w");
  print_table_row(out, info, row, fig);
  std::fclose(out);
  return buffer;
}

// The row of the report: bw of 4 MiB over a 200 Mbit link printed
// "23.632835479.622864632.732871246.60" with the fixed widths.
TEST(TableRow, BandwidthOverASlowLinkStaysApart) {
  const KernelInfo bw{"bw", Family::bandwidth, RankRule::exactly_two, "Bandwidth Test"};
  SizeSummary row;
  row.size = 4194304;
  row.iterations = 20;
  row.p50_us = 2835479.62;
  row.p90_us = 2864632.73;
  row.p99_us = 2871246.60;
  RowFigures fig;
  fig.bandwidth_mb_s = 23.63;
  EXPECT_EQ(words(print_row(bw, row, fig)),
            (std::vector<std::string>{"4194304", "23.63", "2835479.62", "2864632.73",
                                      "2871246.60", "20"}));
}

TEST(TableRow, EveryMagnitudeInEveryColumnOfALatencyRow) {
  const KernelInfo lat{"allreduce", Family::collective, RankRule::at_least_two, "Allreduce"};
  for (int e = -2; e <= 16; e += 3) {
    const double v = 9.87654321 * std::pow(10.0, e);
    SizeSummary row;
    row.size = std::size_t{1} << 40;  // 13 digits: wider than the size column
    row.iterations = 1234567890123ULL;
    row.time_us = {v, v, v};
    row.p50_us = row.p90_us = row.p99_us = v;
    RowFigures fig;
    fig.bus = Bandwidths{v, v};
    const std::vector<std::string> got = words(print_row(lat, row, fig));
    ASSERT_EQ(got.size(), 10u) << print_row(lat, row, fig);
    EXPECT_EQ(got.front(), "1099511627776");
    EXPECT_EQ(got.back(), "1234567890123");
  }
}

}  // namespace
}  // namespace hpcpat::kernels
