// `hpcpat --help-env` comes from the settings table, so it lists every variable the table holds,
// in both forms, one Markdown row each.
#include "help_env.hpp"

#include <gtest/gtest.h>

#include "hpcpat/contract.h"

namespace hpcpat::cli {
namespace {

TEST(HelpEnv, TextListsEveryVariableWithItsMeaningAndDefault) {
  const std::string text = render_settings_text();
  for (const contract::SettingInfo &s : contract::kSettings) {
    EXPECT_NE(text.find(std::string("  ") + s.name + "  "), std::string::npos) << s.name;
    EXPECT_NE(text.find(s.meaning), std::string::npos) << s.name;
    EXPECT_NE(text.find(std::string("default: ") + s.default_text), std::string::npos) << s.name;
  }
}

TEST(HelpEnv, MarkdownHasOneRowPerVariable) {
  const std::string md = render_settings_markdown();
  std::size_t rows = 0;
  for (std::size_t at = md.find("\n| `HPCPAT_"); at != std::string::npos;
       at = md.find("\n| `HPCPAT_", at + 1)) {
    ++rows;
  }
  EXPECT_EQ(rows, contract::kNumSettings);
  for (const contract::SettingInfo &s : contract::kSettings) {
    EXPECT_NE(md.find(std::string("| `") + s.name + "` |"), std::string::npos) << s.name;
  }
}

}  // namespace
}  // namespace hpcpat::cli
