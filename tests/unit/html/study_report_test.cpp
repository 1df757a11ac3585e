// The study page as text: every string that came from a file is escaped where it lands (element
// text and the plots' JSON), the libraries are inlined, and sections without data are left out.
#include "hpcpat/html/study_report.hpp"

#include <gtest/gtest.h>

namespace hpcpat::html {
namespace {

ReportAssets fake_assets() {
  return {"/*VEGA*/", "/*VEGA-LITE*/", "/*EMBED*/", "/*SCRIPT*/", "/*STYLE*/"};
}

std::string without_json_scripts(std::string page) {
  const std::string open = "<script type=\"application/json\"", close = "</script>";
  for (std::size_t at = page.find(open); at != std::string::npos; at = page.find(open, at)) {
    page.erase(at, page.find(close, at) + close.size() - at);
  }
  return page;
}

runs::RunSample run(const std::string &case_name, int nodes, double wall) {
  runs::RunSample r;
  r.study = "s";
  r.run = case_name + ".n" + std::to_string(nodes);
  r.case_name = case_name;
  r.app = "external";
  r.nodes = r.ranks = nodes;
  r.status = "ok";
  r.wall_s = wall;
  return r;
}

TEST(StudyReport, HostileStringsAreEscapedInTextAndInPlotData) {
  StudyReportInput in;
  in.study = "s";
  in.generated_by = "hpcpat <test>";
  in.runs = {run("</script><b>x</b>", 1, 1.5), run("</script><b>x</b>", 2, 0.9)};
  in.runs[0].fom_name = "<img src=x onerror=alert(1)>";
  in.runs[0].fom_value = 2.0;
  in.runs[1].top_call = "a&b\"c'd";
  const StudyReport out = render_study_report(in, fake_assets());
  // Inside a script element only "</script" ends it; "<b>" there is text. Outside, none may stay.
  EXPECT_EQ(out.html.find("</script><b>"), std::string::npos);
  const std::string outside = without_json_scripts(out.html);
  EXPECT_EQ(outside.find("<b>x"), std::string::npos);
  EXPECT_EQ(outside.find("<img"), std::string::npos);
  EXPECT_NE(out.html.find("&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(out.html.find("<\\/script><b>x<\\/b>"), std::string::npos);  // inside the JSON
  EXPECT_NE(out.html.find("a&amp;b&quot;c&#39;d"), std::string::npos);
  EXPECT_NE(out.html.find("hpcpat &lt;test&gt;"), std::string::npos);
}

TEST(StudyReport, LibrariesInlinedOnceAndOnlyPlotsWithData) {
  StudyReportInput in;
  in.study = "s";
  in.runs = {run("a", 1, 2.0), run("a", 2, 1.1), run("b", 1, 3.0)};
  const StudyReport out = render_study_report(in, fake_assets());
  for (const char *asset : {"/*VEGA*/", "/*VEGA-LITE*/", "/*EMBED*/", "/*SCRIPT*/", "/*STYLE*/"}) {
    const std::size_t at = out.html.find(asset);
    ASSERT_NE(at, std::string::npos) << asset;
    EXPECT_EQ(out.html.find(asset, at + 1), std::string::npos) << asset;
  }
  // No profiles, no kernels: only the wall-time plot, against node count as case a scaled.
  EXPECT_EQ(out.plots, 1u);
  EXPECT_NE(out.html.find("Time against node count"), std::string::npos);
  EXPECT_EQ(out.html.find("MPI fraction per rank"), std::string::npos);
  EXPECT_EQ(out.html.find("http://"), std::string::npos);
}

TEST(StudyReport, AnUnreadableProfileIsANoteNotAFailure) {
  StudyReportInput in;
  in.study = "s";
  in.runs = {run("a", 1, 2.0)};
  in.runs[0].profile = "/nonexistent/profile.json";
  const StudyReport out = render_study_report(in, fake_assets());
  ASSERT_EQ(out.notes.size(), 1u);
  EXPECT_NE(out.notes[0].find("s/a.n1: profile left out"), std::string::npos) << out.notes[0];
  EXPECT_NE(out.html.find("profile left out"), std::string::npos);
}

}  // namespace
}  // namespace hpcpat::html
