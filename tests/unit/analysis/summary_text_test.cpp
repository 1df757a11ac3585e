// The text summary shows the figures of the profile, in the places a reader looks for them.
#include "hpcpat/report/summary_text.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "fixture.hpp"
#include "hpcpat/profile/profile_reader.hpp"

namespace hpcpat::profile {
namespace {

using report::render_summary;

std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool has_line(const std::string &text, const std::string &line) {
  for (const std::string &l : lines_of(text)) {
    if (l == line) return true;
  }
  return false;
}

TEST(SummaryText, CompleteProfile) {
  Profile p = read_profile(test::data_file("valid_2ranks.json"));
  std::string text = render_summary(p, {10, "/tmp/p.json"});
  std::vector<std::string> lines = lines_of(text);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            "hpcpat profile of stencil: 2 ranks on 1 node (2 per node), launched by mpirun");
  EXPECT_EQ(lines[1], "  command      ./stencil --size 'a b;$HOME'");
  EXPECT_EQ(lines[2],
            "  MPI library  Open MPI v4.1.4, package: Debian OpenMPI, ident: 4.1.4, "
            "repo rev: v4.1.4, May 26, 2022 (MPI 3.1)");
  EXPECT_TRUE(has_line(text, "  wall time    2.000 s (MPI_Init to MPI_Finalize, slowest rank)"));
  EXPECT_TRUE(has_line(
      text, "  per rank     app 2.000 s, MPI 0.750 s (37.5%), imbalance 1.33 (max/mean MPI time)"));
  EXPECT_TRUE(has_line(text, "  tags         study=unit, variant=a"));
  EXPECT_TRUE(
      has_line(text, "  min 25.00%   median 37.50%   max 50.00%   (worst: rank 1 on node1)"));
  EXPECT_TRUE(has_line(text, "Top 3 MPI calls by time (of 3 called; time summed over ranks)"));
  // % MPI = call time / MPI time of all ranks (1.5 s); % app = over app time of all ranks (4 s).
  EXPECT_TRUE(
      has_line(text, "  MPI_Allreduce           20     0.900000   60.00   22.50            8"));
  EXPECT_TRUE(
      has_line(text, "  MPI_Send                 5     0.400000   26.67   10.00         1024"));
  EXPECT_TRUE(has_line(text, "  collective 60.0%  point_to_point 40.0%"));
  EXPECT_TRUE(has_line(text, "  halo         2           10     0.800000     0.600000   75.00"));
  EXPECT_TRUE(has_line(text, "Note: a note for the reader"));
  EXPECT_EQ(lines.back(), "Profile: /tmp/p.json");
  EXPECT_EQ(text.find("PARTIAL"), std::string::npos);
}

TEST(SummaryText, TopLimitsTheCallTable) {
  Profile p = read_profile(test::data_file("valid_2ranks.json"));
  std::string text = render_summary(p, {1, ""});
  EXPECT_TRUE(has_line(text, "Top 1 MPI calls by time (of 3 called; time summed over ranks)"));
  EXPECT_NE(text.find("MPI_Allreduce"), std::string::npos);
  EXPECT_EQ(text.find("MPI_Send"), std::string::npos);
  EXPECT_EQ(text.find("Profile:"), std::string::npos);
}

TEST(SummaryText, PartialProfileSaysSo) {
  Profile p = read_profile(test::data_file("partial_rank1.json"));
  std::string text = render_summary(p, {10, "x.json"});
  EXPECT_TRUE(has_line(text, "hpcpat profile of crash: 4 ranks, launched by mpirun"));
  EXPECT_TRUE(has_line(text, "  PARTIAL profile: only rank 1's data (run aborted, code 3)"));
  EXPECT_TRUE(has_line(text, "  wall time    0.500 s (MPI_Init to the dump)"));
  // A call without message data shows "-" for its mean size, not 0.
  EXPECT_TRUE(
      has_line(text, "  MPI_Barrier            3     0.050000  100.00   10.00            -"));
}

TEST(SummaryText, TinyCategorySharesAreNotShownAsZero) {
  Profile p = read_profile(test::data_file("valid_2ranks.json"));
  p.summary.categories = {0.0004, 0.9996, 0, 0, 0, 0};
  EXPECT_TRUE(has_line(render_summary(p, {}), "  collective 100.0%  point_to_point <0.1%"));
}

TEST(SummaryText, NoCalls) {
  Profile p = read_profile(test::data_file("partial_rank1.json"));
  p.calls.clear();
  EXPECT_TRUE(has_line(render_summary(p, {}), "No MPI calls were recorded."));
}

// Issue 11, defect 10: strings a profile may carry (host, app, notes, tags, regions) reach the
// terminal with their control characters escaped, never as escape sequences.
TEST(SummaryText, ControlCharactersFromTheProfileAreEscaped) {
  Profile p = read_profile(test::data_file("valid_2ranks.json"));
  p.run.app = "app\x1b]0;title\x07";
  p.notes = {"see\x1b[31mred"};
  for (RankEntry &r : p.ranks) r.host = "h\x1b[2J";
  std::string text = render_summary(p, {});
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_EQ(text.find('\x07'), std::string::npos) << text;
  EXPECT_TRUE(has_line(text, "Note: see\\x1B[31mred")) << text;
  EXPECT_NE(text.find("hpcpat profile of app\\x1B]0;title\\x07: 2 ranks"), std::string::npos)
      << text;
}

}  // namespace
}  // namespace hpcpat::profile
