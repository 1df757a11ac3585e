// The interposer's knobs come from the settings table: every variable its parser asks for is a
// row read by the interposer, and every interposer row of kind flag, integer or choice is asked
// for.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "config.hpp"
#include "hpcpat/contract.h"

namespace hpcpat::pmpi {
namespace {

std::set<std::string> g_asked;
const char *recording_getenv(const char *name) {
  g_asked.insert(name);
  return nullptr;
}

TEST(SettingsTable, ParserAsksForExactlyTheTablesHotPathKnobs) {
  g_asked.clear();
  const Config c = parse_config(recording_getenv);
  std::set<std::string> numeric_rows;
  for (const contract::SettingInfo &s : contract::kSettings) {
    const std::string kind = s.kind;
    const bool knob = kind == "flag" || kind == "integer" || kind == "choice";
    if (knob && std::string(s.readers).find("interposer") == 0) {
      numeric_rows.insert(s.name);
    }
  }
  EXPECT_EQ(g_asked, numeric_rows);
  // Unset variables leave the table's defaults.
  EXPECT_EQ(c.matrix_cap, contract::default_uint(contract::Setting::MATRIX_CAP));
  EXPECT_EQ(c.max_threads, contract::default_uint(contract::Setting::MAX_THREADS));
  EXPECT_FALSE(c.disable);
  EXPECT_STREQ(timer_request_name(c.timer),
               contract::setting(contract::Setting::TIMER).default_text);
}

}  // namespace
}  // namespace hpcpat::pmpi
