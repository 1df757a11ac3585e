// The contract's codecs and table, checked against truths known by construction: what the
// encoder writes the decoder reads back, what the grammar's producer accepts its reader splits.
#include "hpcpat/contract.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hpcpat::contract {
namespace {

TEST(PartialName, RoundTripsEveryRankForPathsWithAndWithoutJson) {
  for (const std::string profile : {"/d/run.json", "/d/run", "run.v2.json", "hpcpat-a-b.json"}) {
    for (int rank : {0, 1, 9, 10, 4095, 123456789}) {
      const std::string partial = partial_name(profile, rank);
      EXPECT_EQ(partial_rank(profile, partial), rank) << partial;
    }
  }
}

TEST(PartialName, SpellsTheDocumentedForm) {
  EXPECT_EQ(partial_name("/d/run.json", 3), "/d/run.rank3.partial.json");
  EXPECT_EQ(partial_name("/d/run", 0), "/d/run.rank0.partial.json");
}

TEST(PartialName, DecoderRejectsWhatTheEncoderNeverWrites) {
  const std::string p = "run.json";
  for (const char *other :
       {"run.json", "run.rank.partial.json", "run.rankX.partial.json", "run.rank-1.partial.json",
        "run.rank3.partial.json.tmp", "other.rank1.partial.json", "run.rank1234567890.partial.json",
        "runx.rank1.partial.json", "run.rank1.json"}) {
    EXPECT_FALSE(partial_rank(p, other).has_value()) << other;
  }
}

TEST(DefaultProfileName, OneFormForBothWriters) {
  EXPECT_EQ(default_profile_name("lmp", "20261123T160005Z"), "hpcpat-lmp-20261123T160005Z.json");
  EXPECT_EQ(default_profile_name("app", "r1"), "hpcpat-app-r1.json");
}

TEST(Tags, ProducerAcceptsOnlyWhatTheReaderSplitsBack) {
  for (const char *good : {"a=1", "study=scaling", "nodes.count=4", "x=", "k=a=b", "A_b-c.9=v"}) {
    EXPECT_TRUE(valid_tag(good)) << good;
    const std::string_view tag(good);
    // The reader splits at the first kTagAssign and never sees a kTagSeparator inside a tag.
    EXPECT_EQ(tag.find(kTagSeparator), std::string_view::npos);
    EXPECT_NE(tag.find(kTagAssign), 0u);
  }
  for (const char *bad : {"novalue", "=v", "a=1,b=2", "a b=1", "a/b=1", "", "é=1"}) {
    EXPECT_FALSE(valid_tag(bad)) << bad;
  }
}

TEST(Settings, EveryRowIsWellFormed) {
  std::set<std::string> names;
  for (const SettingInfo &s : kSettings) {
    const std::string name = s.name;
    EXPECT_TRUE(names.insert(name).second) << name << " appears twice";
    EXPECT_EQ(name.rfind("HPCPAT_", 0), 0u) << name;
    EXPECT_NE(std::string(s.meaning), "") << name;
    EXPECT_NE(std::string(s.readers), "") << name;
    const std::string kind = s.kind;
    EXPECT_TRUE(kind == "flag" || kind == "integer" || kind == "path" || kind == "text" ||
                kind == "choice")
        << name;
    if (kind == "choice") {  // "one of a, b, c" in the meaning, the default among them
      const std::string meaning = s.meaning;
      const auto list = meaning.find("one of ");
      ASSERT_NE(list, std::string::npos) << name;
      const std::string words = meaning.substr(list, meaning.find('.', list) - list);
      EXPECT_NE(words.find(std::string(" ") + s.default_text), std::string::npos) << name;
    }
    if (kind == "flag" || kind == "integer") {
      const unsigned long long def = std::stoull(s.default_text);
      EXPECT_LE(s.min, def) << name;
      EXPECT_LE(def, s.max) << name;
    }
  }
  EXPECT_EQ(names.size(), kNumSettings);
  EXPECT_STREQ(kEnvOutput, "HPCPAT_OUTPUT");
  EXPECT_EQ(default_uint(Setting::MATRIX_CAP), 4096u);
}

}  // namespace
}  // namespace hpcpat::contract
