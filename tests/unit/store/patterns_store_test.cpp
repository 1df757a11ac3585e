// A run's pattern labels in the store (Store::put_patterns): patterns.json written in the run
// folder, the index's `labels` column set from it, rebuilt by reindex from the files alone, and
// refused for runs that are not complete or documents without labels.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "hpcpat/base/input_error.hpp"
#include "store_fixture.hpp"

namespace hpcpat::store {
namespace {

namespace fs = std::filesystem;

nlohmann::json patterns_doc() {
  return {{"schema", "hpcpat.patterns.v1"},
          {"name", "r1"},
          {"labels",
           {{{"label", "halo"}, {"confidence", 0.961}, {"evidence", nlohmann::json::array()}},
            {{"label", "allreduce-heavy"}, {"confidence", 0.5}, {"evidence", nlohmann::json::array()}}}}};
}

Store store_with_run(const fs::path &dir) {
  Store s(dir);
  s.start_study("s1", "name: s1\n", {"r1", "r2"}, false);
  RunRecord r = test::make_record("s1", "r1", 2, 0);
  test::fill_run(s, r, "valid_2ranks.json");
  s.finish_run(r);
  return s;
}

std::string labels_of(const Store &s, const std::string &run) {
  for (const IndexRow &row : s.rows({"s1", ""})) {
    if (row.run == run) return row.labels;
  }
  return "<no row>";
}

TEST(StorePatterns, PutWritesTheFileAndTheLabelsColumn) {
  test::ScratchDir dir;
  Store s = store_with_run(dir.path());
  EXPECT_EQ(labels_of(s, "r1"), "");
  EXPECT_TRUE(s.put_patterns("s1", "r1", patterns_doc()).empty());
  const fs::path file = dir.path() / "s1" / "r1" / "patterns.json";
  ASSERT_TRUE(fs::is_regular_file(file));
  std::ifstream in(file);
  EXPECT_EQ(nlohmann::json::parse(in), patterns_doc());
  EXPECT_EQ(labels_of(s, "r1"), "halo:0.96,allreduce-heavy:0.50");

  nlohmann::json again = patterns_doc();  // a second classification replaces the first
  again["labels"] = nlohmann::json::array();
  s.put_patterns("s1", "r1", again);
  EXPECT_EQ(labels_of(s, "r1"), "");
}

TEST(StorePatterns, ReindexRebuildsTheLabelsFromTheFiles) {
  test::ScratchDir dir;
  {
    Store s = store_with_run(dir.path());
    s.put_patterns("s1", "r1", patterns_doc());
  }
  fs::remove(dir.path() / "hpcpat.db");
  Store s(dir.path(), Store::Mode::rebuild);
  const ReindexReport report = s.reindex();
  EXPECT_TRUE(report.problems.empty());
  EXPECT_EQ(report.runs, 1u);
  EXPECT_EQ(labels_of(s, "r1"), "halo:0.96,allreduce-heavy:0.50");
}

TEST(StorePatterns, ADamagedPatternsFileKeepsTheRunIndexedAndIsReported) {
  test::ScratchDir dir;
  { Store s = store_with_run(dir.path()); }
  std::ofstream(dir.path() / "s1" / "r1" / "patterns.json") << R"({"labels": [{"label": 3}]})";
  Store s(dir.path(), Store::Mode::rebuild);
  const ReindexReport report = s.reindex();
  EXPECT_EQ(report.runs, 1u);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_NE(report.problems[0].find("patterns.json: field 'labels[0].label': expected a non-empty "
                                    "string"),
            std::string::npos)
      << report.problems[0];
  EXPECT_EQ(labels_of(s, "r1"), "");
}

TEST(StorePatterns, RefusesIncompleteRunsAndDocumentsWithoutLabels) {
  test::ScratchDir dir;
  Store s = store_with_run(dir.path());
  EXPECT_THROW(s.put_patterns("s1", "r2", patterns_doc()), InputError);  // never finished
  EXPECT_THROW(s.put_patterns("s1", "../r1", patterns_doc()), InputError);
  try {
    s.put_patterns("s1", "r1", {{"labels", {{{"label", "halo"}}}}});
    FAIL() << "a label without confidence was stored";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("field 'labels[0].confidence': expected a number"),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(fs::exists(dir.path() / "s1" / "r1" / "patterns.json"));
}

// The plan a validation study ran, kept beside its spec: byte for byte back, replaced by a later
// one, none for another study; refused for a study never started and for names that leave RESULTS,
// and a run may not take its file's name.
TEST(StoreEnsemblePlan, KeptBesideTheStudyAndReadBack) {
  test::ScratchDir dir;
  Store s = store_with_run(dir.path());
  EXPECT_EQ(s.ensemble_plan("s1"), std::nullopt);
  const std::string plan = "{\"schema\": \"hpcpat.ensemble-plan.v1\", \"jobs\": []}\n";
  s.keep_ensemble_plan("s1", plan);
  EXPECT_EQ(s.ensemble_plan("s1"), plan);
  EXPECT_TRUE(fs::is_regular_file(dir.path() / "s1" / "ensemble-plan.json"));
  s.keep_ensemble_plan("s1", "{}");
  EXPECT_EQ(s.ensemble_plan("s1"), "{}");
  EXPECT_THROW(s.keep_ensemble_plan("s2", plan), InputError);  // never started
  EXPECT_FALSE(fs::exists(dir.path() / "s2"));
  EXPECT_THROW(s.keep_ensemble_plan("../s1", plan), InputError);
  EXPECT_THROW(s.ensemble_plan("../s1"), InputError);
  EXPECT_THROW(s.start_study("s3", "name: s3\n", {"ensemble-plan.json"}, false), InputError);
}

}  // namespace
}  // namespace hpcpat::store
