#include "config.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <string>

namespace hpcpat::pmpi {
namespace {

std::map<std::string, std::string> g_env;
const char *fake_getenv(const char *name) {
  auto it = g_env.find(name);
  return it == g_env.end() ? nullptr : it->second.c_str();
}

Config parse(std::map<std::string, std::string> env) {
  g_env = std::move(env);
  return parse_config(fake_getenv);
}

TEST(Config, Defaults) {
  const Config c = parse({});
  EXPECT_FALSE(c.disable);
  EXPECT_EQ(c.matrix_cap, 4096u);
  EXPECT_EQ(c.max_threads, 64u);
  EXPECT_EQ(c.num_messages, 0);
}

TEST(Config, GoodValues) {
  const Config c =
      parse({{"HPCPAT_DISABLE", "1"}, {"HPCPAT_MATRIX_CAP", "16"}, {"HPCPAT_MAX_THREADS", "2"}});
  EXPECT_TRUE(c.disable);
  EXPECT_EQ(c.matrix_cap, 16u);
  EXPECT_EQ(c.max_threads, 2u);
  EXPECT_EQ(c.num_messages, 0);
  EXPECT_FALSE(parse({{"HPCPAT_DISABLE", "0"}}).disable);
}

TEST(Config, BadValuesGiveOneMessageEachAndTheDefault) {
  const Config c = parse(
      {{"HPCPAT_DISABLE", "yes"}, {"HPCPAT_MATRIX_CAP", "lots"}, {"HPCPAT_MAX_THREADS", "0"}});
  EXPECT_FALSE(c.disable);
  EXPECT_EQ(c.matrix_cap, 4096u);
  EXPECT_EQ(c.max_threads, 64u);
  ASSERT_EQ(c.num_messages, 3);
  EXPECT_STREQ(c.messages[0],
               "hpcpat: HPCPAT_DISABLE='yes' is not valid: expected 0 or 1; using 0");
  EXPECT_STREQ(c.messages[1],
               "hpcpat: HPCPAT_MATRIX_CAP='lots' is not valid: expected an integer from 1 to "
               "16777216; using 4096");
  EXPECT_STREQ(c.messages[2],
               "hpcpat: HPCPAT_MAX_THREADS='0' is not valid: expected an integer from 1 to 4096; "
               "using 64");
}

TEST(Config, TimerChoices) {
  EXPECT_EQ(parse({}).timer, TimerRequest::automatic);
  EXPECT_EQ(parse({{"HPCPAT_TIMER", "auto"}}).timer, TimerRequest::automatic);
  EXPECT_EQ(parse({{"HPCPAT_TIMER", "tsc"}}).timer, TimerRequest::tsc);
  EXPECT_EQ(parse({{"HPCPAT_TIMER", "clock_gettime"}}).timer, TimerRequest::clock_gettime);
  for (const char *bad : {"TSC", "rdtsc", "tsc ", "clock"}) {
    const Config c = parse({{"HPCPAT_TIMER", bad}});
    EXPECT_EQ(c.timer, TimerRequest::automatic) << bad;
    ASSERT_EQ(c.num_messages, 1) << bad;
    EXPECT_EQ(std::string(c.messages[0]), std::string("hpcpat: HPCPAT_TIMER='") + bad +
                                              "' is not valid: expected auto, tsc or "
                                              "clock_gettime; using auto");
  }
}

TEST(Config, RejectsSignsTrailingJunkAndOverflow) {
  for (const char *bad : {"-5", "+5", "12abc", " 12", "99999999999999999999", "16777217"}) {
    const Config c = parse({{"HPCPAT_MATRIX_CAP", bad}});
    EXPECT_EQ(c.matrix_cap, 4096u) << bad;
    EXPECT_EQ(c.num_messages, 1) << bad;
  }
}

}  // namespace
}  // namespace hpcpat::pmpi
