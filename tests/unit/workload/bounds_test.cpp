// Bounds are said in words, never as DBL_MAX ("not in range [0 - 1.79769e+308]" was CLI11's).
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <string>

#include "hpcpat/base/number_bounds.hpp"
#include "hpcpat/workload/bounds.hpp"

namespace {

using hpcpat::base::why_not_integer;
using hpcpat::base::why_not_real;

TEST(NumberBounds, Integers) {
  EXPECT_EQ(why_not_integer("1", 1), "");
  EXPECT_EQ(why_not_integer("0", 1), "expected an integer >= 1, got '0'");
  EXPECT_EQ(why_not_integer("-3", 0), "expected an integer >= 0, got '-3'");
  EXPECT_EQ(why_not_integer("2.5", 0), "expected an integer >= 0, got '2.5'");
  EXPECT_EQ(why_not_integer("", 0), "expected an integer >= 0, got ''");
  EXPECT_EQ(why_not_integer("99999999999999999999", 0),
            "expected an integer >= 0, got '99999999999999999999'");
  EXPECT_EQ(why_not_integer("2001", 1, 2000), "expected an integer from 1 to 2000, got '2001'");
  EXPECT_EQ(why_not_integer("2000", 1, 2000), "");
}

TEST(NumberBounds, Reals) {
  EXPECT_EQ(why_not_real("0.5", 0, false), "");
  EXPECT_EQ(why_not_real("0", 0, false), "expected a positive number, got '0'");
  EXPECT_EQ(why_not_real("-1", 0, true), "expected a number >= 0, got '-1'");
  EXPECT_EQ(why_not_real("0", 0, true), "");
  EXPECT_EQ(why_not_real("inf", 0, true), "expected a number >= 0, got 'inf'");
  EXPECT_EQ(why_not_real("nan", 0, true), "expected a number >= 0, got 'nan'");
  EXPECT_EQ(why_not_real("1e999", 0, false), "expected a positive number, got '1e999'");
  EXPECT_EQ(why_not_real("0", 0, false, 1), "expected a number in (0, 1], got '0'");
  EXPECT_EQ(why_not_real("1", 0, false, 1), "");
  EXPECT_EQ(why_not_real("1", 0, true, 0.999), "expected a number in [0, 0.999], got '1'");
}

// Through CLI11, as the apps see it: the option's name, then the words; no 1.79769e+308.
TEST(Validators, MessagesNameTheOptionAndTheBounds) {
  double budget = 0;
  long n = 0;
  CLI::App app{"test"};
  app.add_option("--budget", budget)->check(hpcpat::app::non_negative_real());
  app.add_option("--n", n)->check(hpcpat::app::at_least(1));
  try {
    app.parse(std::vector<std::string>{"-1", "--budget"});  // CLI11 reads the vector backwards
    FAIL() << "accepted --budget -1";
  } catch (const CLI::ParseError &e) {
    EXPECT_EQ(std::string(e.what()), "--budget: expected a number >= 0, got '-1'");
  }
  try {
    app.parse(std::vector<std::string>{"0", "--n"});
    FAIL() << "accepted --n 0";
  } catch (const CLI::ParseError &e) {
    EXPECT_EQ(std::string(e.what()), "--n: expected an integer >= 1, got '0'");
  }
}

}  // namespace
