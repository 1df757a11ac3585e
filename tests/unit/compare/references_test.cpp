// ReFrame-style references: reading (hostile YAML refused with FILE:LINE and the field) and
// checking against NEW's medians.
#include "hpcpat/compare/references.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "hpcpat/base/input_error.hpp"
#include "temp_file.hpp"

namespace hpcpat::compare {
namespace {

namespace fs = std::filesystem;

fs::path write(const std::string &name, const std::string &text) {
  return test::write_file("hpcpat-compare-refs", name, text);
}

std::string refusal(const std::string &text) {
  const fs::path p = write("hostile.yaml", text);
  try {
    read_references(p);
  } catch (const InputError &e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(References, BoundsAsReFrame) {
  Reference r;
  r.value = 100;
  r.lower = -0.01;
  r.upper = 0.02;
  EXPECT_DOUBLE_EQ(*r.lowest(), 99);
  EXPECT_DOUBLE_EQ(*r.highest(), 102);
  r.value = -100;  // ReFrame's table: (-100, -0.01, 0.02) accepts -101 .. -98
  EXPECT_DOUBLE_EQ(*r.lowest(), -101);
  EXPECT_DOUBLE_EQ(*r.highest(), -98);
  r.upper.reset();
  EXPECT_FALSE(r.highest());
}

TEST(References, ReadAndCheck) {
  const fs::path p = write("refs.yaml", R"(references:
  - case: stencil
    nodes: 1
    parameters: {n: 24}
    value: 1.0
    lower: -0.1
    upper: 0.1
    unit: s
  - {case: stencil, ranks: 2, value: 1.0, lower: null, upper: 0.05, unit: s}
  - {case: cg, value: 1.0, lower: -0.5, upper: 0.5, unit: s}
  - {case: stencil, metric: fom, value: 5, lower: -0.5, upper: null, unit: "Mupd/s"}
)");
  const std::vector<Reference> refs = read_references(p);
  ASSERT_EQ(refs.size(), 4u);
  EXPECT_EQ(refs[0].where, p.string() + ":2");
  EXPECT_EQ(refs[0].parameters["n"], 24);
  EXPECT_FALSE(refs[1].lower);
  MeasurementSet next;
  next.metric = Metric::wall;
  next.unit = "s";
  Series s;
  s.key = "k";
  s.case_name = "stencil";
  s.nodes = 1;
  s.ranks = 2;
  s.parameters = {{"n", "24"}, {"iters", "20"}};  // the store keeps the spec's text
  s.values = {1.06, 1.08, 1.07};                  // median 1.07
  next.series.push_back(s);
  const std::vector<ReferenceCheck> checks = check_references(refs, next);
  ASSERT_EQ(checks.size(), 3u);                        // the fom reference is for another metric
  EXPECT_EQ(checks[0].status, ReferenceStatus::pass);  // 0.9 <= 1.07 <= 1.1
  EXPECT_DOUBLE_EQ(*checks[0].measured, 1.07);
  EXPECT_EQ(checks[1].status, ReferenceStatus::fail);     // above 1.05
  EXPECT_EQ(checks[2].status, ReferenceStatus::missing);  // no cg in NEW
  EXPECT_TRUE(references_failed(checks));
}

TEST(References, WrongUnitIsBadInput) {
  const fs::path p = write("unit.yaml",
                           "references:\n  - {case: a, value: 1, lower: -0.1, "
                           "upper: 0.1, unit: ms}\n");
  MeasurementSet next;
  next.unit = "s";
  try {
    check_references(read_references(p), next);
    FAIL() << "accepted";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find(p.string() + ":2: unit: expected 's'"), std::string::npos)
        << e.what();
  }
}

TEST(References, HostileYamlNamesFileLineAndField) {
  const std::string f = (test::temp_dir("hpcpat-compare-refs") / "hostile.yaml").string();
  EXPECT_EQ(refusal("references: [ {case: a"), f + ":1: not valid YAML (end of map flow not "
                                                   "found); expected a map with 'references'");
  EXPECT_EQ(refusal("- 1\n- 2\n"), f + ":1: references: expected a map with a 'references' list");
  EXPECT_EQ(refusal("references: 3\n"), f + ":1: references: expected a list of references");
  EXPECT_EQ(refusal("references:\n  - {case: a, value: 1, lower: -0.1, upper: 0.1}\n"),
            f + ":2: references[0].unit: expected this field (required)");
  EXPECT_EQ(refusal("references:\n  - {case: a, value: fast, lower: -0.1, upper: 0.1, unit: s}\n"),
            f + ":2: references[0].value: expected a finite number");
  EXPECT_EQ(refusal("references:\n  - case: a\n    value: 1\n    lower: 0.1\n    upper: 0.1\n"
                    "    unit: s\n"),
            f + ":4: references[0].lower: expected a number <= 0 or null");
  EXPECT_EQ(refusal("references:\n  - {case: a, value: 1, lower: -0.1, upper: -0.1, unit: s}\n"),
            f + ":2: references[0].upper: expected a number >= 0 or null");
  EXPECT_EQ(
      refusal("references:\n  - {case: a, valeu: 1, value: 1, lower: 0, upper: 0, unit: s}\n"),
      f + ":2: references[0].valeu: expected one of case, nodes, ranks, parameters, metric, "
          "value, lower, upper, unit");
  EXPECT_EQ(
      refusal("references:\n  - {case: a, nodes: -2, value: 1, lower: 0, upper: 0, unit: s}\n"),
      f + ":2: references[0].nodes: expected a whole number >= 1");
  EXPECT_EQ(
      refusal("references:\n  - {case: a, metric: speed, value: 1, lower: 0, upper: 0, unit: s}\n"),
      f + ":2: references[0].metric: expected wall, fom or mpi-fraction");
  EXPECT_EQ(refusal("references: []\nextra: 1\n"), f + ":2: extra: expected only 'references' "
                                                       "at the top level");
  EXPECT_EQ(refusal("references:\n  - [1, 2]\n"),
            f + ":2: references[0]: expected a map with case, value, lower, upper, unit");
  EXPECT_NE(refusal("references: [{case: a, value: .nan, lower: 0, upper: 0, unit: s}]\n")
                .find("value: expected a finite number"),
            std::string::npos);
}

TEST(References, MissingFileIsBadInput) {
  EXPECT_THROW(read_references("/nonexistent/refs.yaml"), InputError);
  EXPECT_THROW(read_references("/dev/zero"), InputError);  // not a regular file
}

}  // namespace
}  // namespace hpcpat::compare
