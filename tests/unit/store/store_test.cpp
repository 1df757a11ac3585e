// The store through its API: folders and index rows agree exactly (figures checked against the
// fixture profiles' own numbers), a deleted or damaged index is rebuilt the same, interrupted and
// unreadable runs are reported and the rest indexed, and nothing leaves the results folder.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/text_file.hpp"
#include "store_fixture.hpp"

namespace hpcpat::store {
namespace {

namespace fs = std::filesystem;
using test::fill_run;
using test::make_record;

// What the index must say of a profile, computed here from the file's JSON, not by the reader.
struct Expected {
  double median = 0, max = 0;
  std::string top_call, hosts, mpi_library;
};
Expected expected_from(const std::string &fixture) {
  std::ifstream in(test::data_file(fixture));
  const nlohmann::json doc = nlohmann::json::parse(in);
  std::vector<double> f;
  for (const auto &r : doc["ranks"]) f.push_back(r["mpi_fraction"].get<double>());
  std::sort(f.begin(), f.end());
  Expected e;
  e.median = f.size() % 2 ? f[f.size() / 2] : (f[f.size() / 2 - 1] + f[f.size() / 2]) / 2;
  e.max = f.back();
  double top = -1;
  for (const auto &c : doc["calls"]) {
    if (c["time_s"]["sum"].get<double>() > top) {
      top = c["time_s"]["sum"].get<double>();
      e.top_call = c["name"].get<std::string>();
    }
  }
  for (const auto &h : doc["run"]["hosts"]) {
    e.hosts += (e.hosts.empty() ? "" : ",") + h["name"].get<std::string>();
  }
  e.mpi_library = doc["run"]["mpi_library"].get<std::string>();
  return e;
}

// Every column of `row` against the record in its folder.
void expect_row_matches_folder(const Store &s, const IndexRow &row) {
  const RunRecord r = read_record(s.run_path(row.study, row.run) / "record.json");
  EXPECT_EQ(row.case_name, r.case_name);
  EXPECT_EQ(row.app, r.app);
  EXPECT_EQ(nlohmann::json::parse(row.parameters), r.parameters);
  EXPECT_EQ(row.nodes, r.nodes);
  EXPECT_EQ(row.ranks, r.ranks);
  EXPECT_EQ(row.ranks_per_node, r.ranks_per_node);
  EXPECT_EQ(row.threads, r.threads);
  EXPECT_EQ(row.repeat, r.repeat);
  EXPECT_EQ(row.launcher, r.launcher);
  EXPECT_EQ(row.status, status_name(r.status));
  EXPECT_EQ(row.cause, r.cause);
  EXPECT_EQ(row.exit_code, r.exit_code);
  EXPECT_EQ(row.signal, r.signal ? std::optional<std::int64_t>(*r.signal) : std::nullopt);
  EXPECT_EQ(row.wall_s, r.wall_s);
  EXPECT_EQ(row.git_sha, r.git_sha);
  EXPECT_EQ(row.hpcpat_version, r.hpcpat_version);
  EXPECT_EQ(row.started_at, r.start.utc);
  EXPECT_EQ(row.started_epoch_s, r.start.epoch_s);
  EXPECT_EQ(row.ended_at, r.end.utc);
  EXPECT_EQ(row.ended_epoch_s, r.end.epoch_s);
  EXPECT_EQ(row.fom_name, r.figure_of_merit);
  EXPECT_EQ(row.fom_value, r.figures.figure_of_merit);
  EXPECT_EQ(row.mpi_fraction_median, r.figures.mpi_fraction_median);
  EXPECT_EQ(row.mpi_fraction_max, r.figures.mpi_fraction_max);
  EXPECT_EQ(row.top_call, r.figures.top_call);
  std::string hosts;
  for (const std::string &h : r.hosts) hosts += (hosts.empty() ? "" : ",") + h;
  EXPECT_EQ(row.hosts, hosts);
  EXPECT_EQ(row.mpi_library, r.mpi_library);
}

class StoreTest : public ::testing::Test {
 protected:
  test::ScratchDir scratch;
  fs::path results = scratch.path() / "results";
};

TEST_F(StoreTest, FoldersAndIndexRowsAgreeExactly) {
  Store s(results);
  const std::vector<std::string> plan = {"two", "ten", "failed"};
  EXPECT_TRUE(s.start_study("s1", "name: s1\n", plan, false).empty());
  RunRecord two = make_record("s1", "two", 2, 0);
  fill_run(s, two, "valid_2ranks.json", 1250.5);
  RunRecord ten = make_record("s1", "ten", 10, 1);
  fill_run(s, ten, "ring_10ranks.json", 99.25);
  RunRecord failed = make_record("s1", "failed", 2, 0, RunStatus::failed);
  fill_run(s, failed, "");
  for (const RunRecord *r : {&two, &ten, &failed}) EXPECT_TRUE(s.finish_run(*r).empty());

  std::vector<IndexRow> rows = s.rows({});
  ASSERT_EQ(rows.size(), 3u);
  for (const IndexRow &row : rows) expect_row_matches_folder(s, row);
  const auto find = [&rows](const std::string &run) {
    return *std::find_if(rows.begin(), rows.end(), [&](const IndexRow &r) { return r.run == run; });
  };
  for (const auto &[run, fixture, fom] : {std::tuple{"two", "valid_2ranks.json", 1250.5},
                                          std::tuple{"ten", "ring_10ranks.json", 99.25}}) {
    const Expected e = expected_from(fixture);
    const IndexRow row = find(run);
    EXPECT_DOUBLE_EQ(*row.mpi_fraction_median, e.median) << run;
    EXPECT_DOUBLE_EQ(*row.mpi_fraction_max, e.max) << run;
    EXPECT_EQ(row.top_call, e.top_call) << run;
    EXPECT_EQ(row.hosts, e.hosts) << run;              // filled from the profile
    EXPECT_EQ(row.mpi_library, e.mpi_library) << run;  // likewise
    EXPECT_EQ(*row.fom_value, fom) << run;
  }
  EXPECT_DOUBLE_EQ(*find("two").mpi_fraction_median, 0.375);  // (0.25 + 0.5) / 2, by construction
  EXPECT_DOUBLE_EQ(*find("ten").mpi_fraction_max, 0.5);
  EXPECT_FALSE(find("failed").mpi_fraction_median.has_value());
  EXPECT_EQ(find("failed").exit_code, 3);
  EXPECT_EQ(s.rows({"", "ring-10"}).size(), 1u);  // by case
  EXPECT_EQ(s.rows({"", "ring"}).size(), 3u);     // by app
  EXPECT_EQ(s.rows({"s2", ""}).size(), 0u);

  // Deleting the index is safe: the folders rebuild it, row for row.
  std::vector<std::vector<Cell>> before;
  for (const IndexRow &r : rows) before.push_back(row_cells(r));
  fs::remove(results / "hpcpat.db");
  fs::remove(results / "hpcpat.db-wal");
  fs::remove(results / "hpcpat.db-shm");
  Store again(results, Store::Mode::existing);
  EXPECT_TRUE(again.rows({}).empty());
  const ReindexReport report = again.reindex();
  EXPECT_TRUE(report.problems.empty()) << report.problems.front();
  EXPECT_EQ(report.runs, 3u);
  std::vector<std::vector<Cell>> after;
  for (const IndexRow &r : again.rows({})) after.push_back(row_cells(r));
  EXPECT_EQ(after, before);
}

// An app that rates its runs by a figure of its summary: an ok run without the summary is worth a
// note, a failed one (which often ends before writing it) is not.
TEST_F(StoreTest, AMissingSummaryIsANoteOnlyForAnOkRun) {
  Store s(results);
  s.start_study("s1", "name: s1\n", {"ok", "failed"}, false);
  for (const RunStatus status : {RunStatus::ok, RunStatus::failed}) {
    RunRecord r = make_record("s1", status == RunStatus::ok ? "ok" : "failed", 2, 0, status);
    fill_run(s, r, "valid_2ranks.json");
    r.figure_of_merit = "rate";
    const std::vector<std::string> notes = s.finish_run(r);
    if (status == RunStatus::ok) {
      ASSERT_EQ(notes.size(), 1u);
      EXPECT_NE(notes[0].find("field 'figure_of_merit' names 'rate' but field 'files.summary' is "
                              "null"),
                std::string::npos)
          << notes[0];
    } else {
      EXPECT_TRUE(notes.empty()) << notes[0];
    }
  }
}

TEST_F(StoreTest, AFolderWithoutRecordIsInterruptedAndRedoneFromNothing) {
  Store s(results);
  s.start_study("s1", "spec", {"a", "b"}, false);
  RunRecord a = make_record("s1", "a", 2, 0);
  fill_run(s, a, "valid_2ranks.json");
  s.finish_run(a);
  RunRecord b = make_record("s1", "b", 2, 1);
  const fs::path dir = fill_run(s, b, "valid_2ranks.json");  // launched, never finished
  EXPECT_TRUE(s.is_complete("s1", "a"));
  EXPECT_FALSE(s.is_complete("s1", "b"));
  const std::vector<InterruptedRun> interrupted = s.interrupted({});
  ASSERT_EQ(interrupted.size(), 1u);
  EXPECT_EQ(interrupted[0].run, "b");
  const ReindexReport report = s.reindex();
  EXPECT_EQ(report.runs, 1u);
  EXPECT_EQ(report.interrupted, 1u);
  EXPECT_TRUE(report.problems.empty());
  // Resume redoes it: the folder is emptied, so no stale profile is taken for the new one.
  EXPECT_EQ(s.run_dir("s1", "b"), dir);
  EXPECT_TRUE(fs::is_empty(dir));
  EXPECT_THROW(s.run_dir("s1", "a"), std::logic_error);  // complete runs are never redone
}

// Resuming starts the study again with the same spec: the runs already indexed stay indexed (the
// studies row is updated in place; replacing it would cascade to its runs).
TEST_F(StoreTest, ResumingAStudyKeepsItsIndexedRuns) {
  {
    Store s(results);
    s.start_study("s1", "spec", {"a", "b"}, false);
    RunRecord a = make_record("s1", "a", 2, 0);
    fill_run(s, a, "valid_2ranks.json");
    s.finish_run(a);
  }
  Store s(results);
  s.start_study("s1", "spec", {"a", "b"}, true);
  RunRecord b = make_record("s1", "b", 2, 1);
  fill_run(s, b, "valid_2ranks.json");
  s.finish_run(b);
  const std::vector<IndexRow> rows = s.rows({});
  ASSERT_EQ(rows.size(), 2u);
  for (const IndexRow &row : rows) expect_row_matches_folder(s, row);
}

TEST_F(StoreTest, ReindexNamesUnreadableFilesAndIndexesTheRest) {
  Store s(results);
  s.start_study("s1", "spec", {"good", "cut", "nostatus", "badprofile"}, false);
  for (const char *run : {"good", "cut", "nostatus", "badprofile"}) {
    RunRecord r = make_record("s1", run, 2, 0);
    const fs::path dir = fill_run(s, r, "valid_2ranks.json", 2.0);
    if (r.run == "badprofile") {
      std::ofstream(dir / "profile.json", std::ios::trunc) << "{\"schema\": 3}";
      std::ofstream(dir / "summary.json", std::ios::trunc) << R"({"figures": {"other": 1}})";
      // The run is kept, its unreadable files named; the figures they would give stay empty.
      const std::vector<std::string> notes = s.finish_run(r);
      ASSERT_EQ(notes.size(), 2u);
      EXPECT_NE(notes[0].find(dir.string() + "/profile.json"), std::string::npos) << notes[0];
      EXPECT_NE(notes[1].find("summary.json: field 'figures.rate' is missing"), std::string::npos)
          << notes[1];
    } else {
      EXPECT_TRUE(s.finish_run(r).empty());
    }
  }
  const fs::path cut = results / "s1" / "cut" / "record.json";
  const std::string text = read_text_file(cut);
  std::ofstream(cut, std::ios::trunc) << text.substr(0, text.find("\"hosts\"") + 12);
  nlohmann::json doc = nlohmann::json::parse(read_text_file(results / "s1/nostatus/record.json"));
  doc.erase("status");
  std::ofstream(results / "s1/nostatus/record.json", std::ios::trunc) << doc.dump();
  fs::create_directory(results / "s1" / "bad name");

  const ReindexReport report = s.reindex();
  ASSERT_EQ(report.problems.size(), 3u);
  std::string all;
  for (const std::string &p : report.problems) all += p + "\n";
  EXPECT_NE(all.find(cut.string() + ": not valid JSON at field 'hosts"), std::string::npos) << all;
  EXPECT_NE(all.find("nostatus/record.json: field 'status' is missing"), std::string::npos) << all;
  EXPECT_NE(all.find("bad name: not a study or run folder"), std::string::npos) << all;
  EXPECT_EQ(report.runs, 2u);  // good, and badprofile without its figures
  const std::vector<IndexRow> rows = s.rows({});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].run, "badprofile");
  EXPECT_FALSE(rows[0].mpi_fraction_median.has_value());
  EXPECT_FALSE(rows[0].fom_value.has_value());
  EXPECT_EQ(rows[1].run, "good");
  EXPECT_DOUBLE_EQ(*rows[1].mpi_fraction_max, 0.5);
}

TEST_F(StoreTest, NamesAndLinksThatWouldEscapeAreRefused) {
  Store s(results);
  EXPECT_THROW(s.start_study("..", "spec", {}, false), InputError);
  EXPECT_THROW(s.start_study("a/b", "spec", {}, false), InputError);
  EXPECT_THROW(s.start_study("ok", "spec", {"../../etc"}, false), InputError);
  EXPECT_THROW(s.start_study("ok", "spec", {"study.json"}, false), InputError);
  EXPECT_THROW(s.start_study("hpcpat.db-wal", "spec", {}, false), InputError);
  EXPECT_FALSE(fs::exists(results / "ok"));  // refused before anything was written
  s.start_study("ok", "spec", {"r"}, false);
  EXPECT_THROW(s.run_dir("ok", ".."), InputError);
  EXPECT_THROW(s.run_dir("ok", "x/../../y"), InputError);
  RunRecord r = make_record("ok", "..", 2, 0);
  EXPECT_THROW(s.finish_run(r), InputError);
  // A study folder that is a symbolic link to elsewhere: nothing is written through it.
  const fs::path outside = scratch.path() / "outside";
  fs::create_directory(outside);
  fs::create_directory_symlink(outside, results / "linked");
  EXPECT_THROW(s.start_study("linked", "spec", {"r"}, false), InputError);
  fs::create_directory_symlink(outside, results / "ok" / "r");
  EXPECT_THROW(s.run_dir("ok", "r"), InputError);
  EXPECT_TRUE(fs::is_empty(outside));
}

TEST_F(StoreTest, AnotherSpecUnderAStudyNameIsRefused) {
  Store s(results);
  s.start_study("s1", "cases: [a]\n", {"a"}, false);
  try {
    s.start_study("s1", "cases: [b]\n", {"b"}, true);
    FAIL() << "a different spec was accepted";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("with another spec (sha256 "), std::string::npos);
  }
  try {
    s.start_study("s1", "cases: [a]\n", {"a"}, false);
    FAIL() << "an existing study was started again without resume";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("--resume"), std::string::npos);
  }
  EXPECT_NO_THROW(s.start_study("s1", "cases: [a]\n", {"a"}, true));
  EXPECT_EQ(read_text_file(results / "s1" / "study.yaml"), "cases: [a]\n");
  const nlohmann::json plan = nlohmann::json::parse(read_text_file(results / "s1/study.json"));
  EXPECT_EQ(plan["runs"], nlohmann::json::array({"a"}));
  EXPECT_EQ(plan["spec_sha256"].get<std::string>().size(), 64u);
}

TEST_F(StoreTest, ADamagedIndexGivesTheReindexHintAndIsRebuilt) {
  {
    Store s(results);
    s.start_study("s1", "spec", {"a"}, false);
    RunRecord a = make_record("s1", "a", 2, 0);
    fill_run(s, a, "valid_2ranks.json");
    s.finish_run(a);
  }
  fs::remove(results / "hpcpat.db-wal");
  fs::remove(results / "hpcpat.db-shm");
  std::ofstream(results / "hpcpat.db", std::ios::trunc) << std::string(8192, 'x');
  try {
    Store broken(results, Store::Mode::existing);
    FAIL() << "a damaged index was opened";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("hpcpat.db: not a usable index"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("hpcpat results reindex"), std::string::npos);
  }
  Store rebuilt(results, Store::Mode::rebuild);
  EXPECT_EQ(rebuilt.reindex().runs, 1u);
  EXPECT_EQ(rebuilt.rows({}).size(), 1u);
}

TEST_F(StoreTest, AMissingStoreIsNamed) {
  EXPECT_THROW(Store(results, Store::Mode::existing), InputError);
  EXPECT_FALSE(fs::exists(results));
}

}  // namespace
}  // namespace hpcpat::store
