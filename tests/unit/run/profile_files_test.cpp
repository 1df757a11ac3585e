#include "hpcpat/run/profile_files.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"
#include "hpcpat/base/input_error.hpp"

namespace hpcpat::run {
namespace {
namespace fs = std::filesystem;

TEST(DefaultProfilePath, NamedAfterProgramAndRunId) {
  test::ScratchDir dir;
  EXPECT_EQ(default_profile_path("/usr/bin/lmp", "h-20261123T160005-7-0000abcd", dir.path()),
            dir.path() / "hpcpat-lmp-h-20261123T160005-7-0000abcd.json");
}

// A run id the user fixed in HPCPAT_RUN_ID repeats from run to run.
TEST(DefaultProfilePath, NeverReusesAnExistingName) {
  test::ScratchDir dir;
  dir.write("hpcpat-lmp-study1.json", "{}");
  dir.write("hpcpat-lmp-study1-2.json", "{}");
  EXPECT_EQ(default_profile_path("./lmp", "study1", dir.path()),
            dir.path() / "hpcpat-lmp-study1-3.json");
}

std::string tags_error(const std::vector<std::string> &tags) {
  try {
    tags_env_value(tags);
  } catch (const InputError &e) {
    return e.what();
  }
  return "(no error)";
}

TEST(TagsEnvValue, JoinsValidTags) {
  EXPECT_EQ(tags_env_value({}), "");
  EXPECT_EQ(tags_env_value({"study=scaling", "nodes.count=4", "x="}),
            "study=scaling,nodes.count=4,x=");
  EXPECT_EQ(tags_env_value({"k=a=b"}), "k=a=b");  // the value may hold '='
}

TEST(TagsEnvValue, RejectsWhatHpcpatTagsCannotCarry) {
  const std::string expected =
      "': expected KEY=VALUE with KEY made of letters, digits, '_', '-', '.' and no ',' anywhere";
  EXPECT_EQ(tags_error({"novalue"}), "--tag 'novalue" + expected);
  EXPECT_EQ(tags_error({"=v"}), "--tag '=v" + expected);
  EXPECT_EQ(tags_error({"a=1,b=2"}), "--tag 'a=1,b=2" + expected);
  EXPECT_EQ(tags_error({"a b=1"}), "--tag 'a b=1" + expected);
  EXPECT_EQ(tags_error({"a=1", "a=2"}), "--tag 'a=2': key 'a' given twice; expected unique keys");
}

TEST(FileStamp, ChangesWhenAFileIsReplaced) {
  test::ScratchDir dir;
  fs::path p = dir.path() / "p.json";
  FileStamp none = stamp_file(p);
  EXPECT_FALSE(none.exists);
  dir.write("p.json", "1");
  FileStamp first = stamp_file(p);
  EXPECT_TRUE(first.exists);
  EXPECT_EQ(first, stamp_file(p));
  // Replace it the way the interposer does: a new file renamed over the old one.
  dir.write("p.json.tmp", "2");
  fs::rename(dir.path() / "p.json.tmp", p);
  EXPECT_NE(first, stamp_file(p));
}

TEST(PartialProfiles, FoundByRankOrder) {
  test::ScratchDir dir;
  dir.write("run.rank10.partial.json", "{}");
  dir.write("run.rank2.partial.json", "{}");
  dir.write("run.rank0.partial.json", "{}");
  dir.write("run.rankX.partial.json", "{}");      // not a rank
  dir.write("other.rank1.partial.json", "{}");    // another profile's
  dir.write("run.rank3.partial.json.tmp", "{}");  // a write in progress
  EXPECT_EQ(partial_profiles(dir.path() / "run.json"),
            (std::vector<fs::path>{dir.path() / "run.rank0.partial.json",
                                   dir.path() / "run.rank2.partial.json",
                                   dir.path() / "run.rank10.partial.json"}));
  EXPECT_TRUE(partial_profiles(dir.path() / "none.json").empty());
}

}  // namespace
}  // namespace hpcpat::run
