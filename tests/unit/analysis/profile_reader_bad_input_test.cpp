// Each kind of bad profile ends the read with ONE message naming the file, the field and what was
// expected (the command boundary turns it into exit status 2).
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "fixture.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/text_file.hpp"
#include "hpcpat/profile/profile_reader.hpp"

namespace hpcpat::profile {
namespace {

class BadProfile : public ::testing::Test {
 protected:
  // The valid fixture, changed by `edit`, written to a file; returns the reader's message.
  std::string error_after(const std::function<void(nlohmann::json &)> &edit) {
    nlohmann::json doc =
        nlohmann::json::parse(read_text_file(test::data_file("valid_2ranks.json")));
    edit(doc);
    path_ = scratch_.write("bad.json", doc.dump(2));
    return error_reading(path_);
  }
  static std::string error_reading(const std::filesystem::path &path) {
    try {
      read_profile(path);
    } catch (const InputError &e) {
      return e.what();
    }
    return "(no error)";
  }
  std::string file() const { return path_.string(); }

  test::ScratchDir scratch_;
  std::filesystem::path path_;
};

TEST_F(BadProfile, MissingField) {
  std::string m = error_after([](nlohmann::json &d) { d["run"].erase("ranks"); });
  EXPECT_EQ(m, file() + ": field 'run.ranks' is missing (expected an integer in [1, 16777216])");
}

TEST_F(BadProfile, MissingNestedObject) {
  std::string m = error_after([](nlohmann::json &d) { d["summary"].erase("categories"); });
  EXPECT_EQ(m, file() + ": field 'summary.categories' is missing (expected an object)");
}

TEST_F(BadProfile, WrongTypeInAnArrayElement) {
  std::string m = error_after([](nlohmann::json &d) { d["calls"][1]["count"] = "5"; });
  EXPECT_EQ(m, file() + ": field 'calls[1].count': expected an integer >= 1, found string \"5\"");
}

TEST_F(BadProfile, FractionOutOfRange) {
  std::string m = error_after([](nlohmann::json &d) { d["ranks"][0]["mpi_fraction"] = 1.5; });
  EXPECT_EQ(m, file() +
                   ": field 'ranks[0].mpi_fraction': expected a number in [0, 1], found "
                   "number 1.5");
}

TEST_F(BadProfile, RankBeyondTheWorld) {
  std::string m = error_after([](nlohmann::json &d) { d["comm_matrix"]["entries"][0][1] = 2; });
  EXPECT_EQ(m, file() +
                   ": field 'comm_matrix.entries[0][1]': expected an integer in [0, 1], "
                   "found integer 2");
}

TEST_F(BadProfile, NullWhereAValueIsRequired) {
  std::string m = error_after([](nlohmann::json &d) { d["run"]["wall_s"] = nullptr; });
  EXPECT_EQ(m, file() + ": field 'run.wall_s': expected a number >= 0, found null");
}

TEST_F(BadProfile, UnknownCategory) {
  std::string m = error_after([](nlohmann::json &d) { d["calls"][0]["category"] = "p2p"; });
  EXPECT_EQ(m, file() +
                   ": field 'calls[0].category': expected one of \"point_to_point\", "
                   "\"collective\", \"wait_sync\", \"one_sided\", \"io\", \"other\", found "
                   "string \"p2p\"");
}

TEST_F(BadProfile, OtherSchema) {
  std::string m = error_after([](nlohmann::json &d) { d["schema"] = "hpcpat.profile.v2"; });
  EXPECT_EQ(m, file() +
                   ": field 'schema': expected one of \"hpcpat.profile.v1\", found string "
                   "\"hpcpat.profile.v2\"");
}

TEST_F(BadProfile, MatrixEntryOfWrongShape) {
  std::string m = error_after([](nlohmann::json &d) { d["comm_matrix"]["entries"][0] = {0, 1}; });
  EXPECT_EQ(m, file() +
                   ": field 'comm_matrix.entries[0]': expected an array [src, dst, "
                   "messages, bytes], found an array of 2 elements");
}

// Rows of plain counts take a fast path; anything else is read field by field and named.
TEST_F(BadProfile, MatrixEntryWithANegativeRankOrNoMessages) {
  std::string m = error_after([](nlohmann::json &d) { d["comm_matrix"]["entries"][0][0] = -1; });
  EXPECT_EQ(m, file() +
                   ": field 'comm_matrix.entries[0][0]': expected an integer in [0, 16777215], "
                   "found integer -1");
  m = error_after([](nlohmann::json &d) { d["comm_matrix"]["entries"][0][2] = 0; });
  EXPECT_EQ(m, file() + ": field 'comm_matrix.entries[0][2]': expected an integer >= 1, found "
                        "integer 0");
}

TEST_F(BadProfile, NestingDeeperThanAProfileIsRefusedNamingWhere) {
  std::string deep = std::string(300, '[') + std::string(300, ']');
  path_ = scratch_.write("bad.json", "{\"regions\": " + deep + "}");
  std::string m = error_reading(path_);
  EXPECT_EQ(m.rfind(file() + ": field 'regions[0][0][0]", 0), 0u) << m;
  EXPECT_NE(m.find("...': nested deeper than 256 levels; expected a few"), std::string::npos) << m;
}

TEST_F(BadProfile, NoRankRecords) {
  std::string m = error_after([](nlohmann::json &d) { d["ranks"] = nlohmann::json::array(); });
  EXPECT_EQ(m, file() +
                   ": field 'ranks': expected a non-empty array of rank records, found an "
                   "array of 0 elements");
}

TEST_F(BadProfile, DocumentIsNotAnObject) {
  std::string m = error_after([](nlohmann::json &d) { d = nlohmann::json::array({1}); });
  EXPECT_EQ(m, file() + ": the document root: expected an object, found an array of 1 element");
}

TEST_F(BadProfile, NotJson) {
  path_ = scratch_.write("bad.json", "{\"schema\": \"hpcpat.profile.v1\",\n \"complete\": tru }");
  std::string m = error_reading(path_);
  EXPECT_EQ(m.rfind(file() + ": not valid JSON: parse error at line 2, column", 0), 0u) << m;
}

TEST_F(BadProfile, EmptyFile) {
  path_ = scratch_.write("bad.json", "");
  std::string m = error_reading(path_);
  EXPECT_EQ(m.rfind(file() + ": not valid JSON: ", 0), 0u) << m;
}

TEST_F(BadProfile, MissingFile) {
  path_ = scratch_.path() / "nope.json";
  EXPECT_EQ(error_reading(path_), file() + ": cannot read: No such file or directory");
}

TEST_F(BadProfile, DirectoryInsteadOfFile) {
  path_ = scratch_.path();
  EXPECT_EQ(error_reading(path_), file() + ": cannot read: a directory, expected a regular file");
}

// Issue 11, defect 10: what the schema forbids and the reader used to accept.
TEST_F(BadProfile, CallNameWithATerminalEscapeSequence) {
  std::string m = error_after([](nlohmann::json &d) { d["calls"][0]["name"] = "MPI_\x1b[2J"; });
  EXPECT_EQ(m, file() +
                   ": field 'calls[0].name': expected a call name matching ^MPI_[A-Za-z0-9_]+$, "
                   "found string \"MPI_\\u001b[2J\"");
}

TEST_F(BadProfile, RankCallKeyThatIsNotACallName) {
  std::string m = error_after([](nlohmann::json &d) {
    d["ranks"][1]["calls"]["\x1b]0;pwned\x07"] = {{"count", 1}, {"time_s", 0.0}, {"bytes", 0}};
  });
  EXPECT_EQ(m, file() +
                   ": field 'ranks[1].calls': expected keys that are a call name matching "
                   "^MPI_[A-Za-z0-9_]+$, found \"\\u001b]0;pwned\\u0007\"");
}

TEST_F(BadProfile, RunRanksContradictingTheRankRecords) {
  std::string m = error_after([](nlohmann::json &d) { d["run"]["ranks"] = 3; });
  EXPECT_EQ(m, file() +
                   ": field 'ranks': expected one record per rank of run.ranks = 3 in a complete "
                   "profile, found 2 rank records");
}

TEST_F(BadProfile, ARankRecordTwice) {
  std::string m = error_after([](nlohmann::json &d) { d["ranks"][1]["rank"] = 0; });
  EXPECT_EQ(m, file() + ": field 'ranks[1].rank': rank 0 has a record already");
}

TEST_F(BadProfile, PartialFlagOnAFinalizedRun) {
  std::string m = error_after([](nlohmann::json &d) {
    d["complete"] = false;
    d["ranks"].erase(1);
  });
  EXPECT_EQ(m, file() +
                   ": field 'complete': expected true for a run that finalized "
                   "(run.exit.status \"finalized\"), found boolean false");
}

TEST_F(BadProfile, CompleteProfileOfARunThatDidNotFinalize) {
  std::string m = error_after([](nlohmann::json &d) {
    d["run"]["exit"] = {{"status", "signal"}, {"code", nullptr}, {"signal", 15}};
  });
  EXPECT_EQ(m, file() +
                   ": field 'run.exit.status': expected \"finalized\" in a complete profile "
                   "(complete: true), found string \"signal\"");
}

TEST_F(BadProfile, NumberBeyondDoubleIsBadInputNotAnInternalError) {
  std::string text = read_text_file(test::data_file("valid_2ranks.json"));
  auto at = text.find("\"wall_s\"");
  ASSERT_NE(at, std::string::npos);
  text.insert(text.find(':', at) + 1, " 1e999, \"x\":");
  path_ = scratch_.write("huge.json", text);
  std::string m = error_reading(path_);
  EXPECT_EQ(m.rfind(file() + ": not valid JSON: number overflow parsing '1e999'", 0), 0u) << m;
}

}  // namespace
}  // namespace hpcpat::profile
