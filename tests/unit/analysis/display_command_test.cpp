#include "hpcpat/base/display_command.hpp"

#include <gtest/gtest.h>

namespace hpcpat {
namespace {

TEST(DisplayCommand, PlainWordsStayUnquoted) {
  EXPECT_EQ(display_command({"mpirun", "-n", "2", "-x", "A=b,c", "./app"}),
            "mpirun -n 2 -x A=b,c ./app");
}

TEST(DisplayCommand, SpecialCharactersAreSingleQuoted) {
  EXPECT_EQ(display_command({"echo", "a b", "$HOME;rm", "it's", ""}),
            "echo 'a b' '$HOME;rm' 'it'\\''s' ''");
}

// Issue 11, defect 10: text from a profile never reaches the terminal as control characters.
TEST(Printable, ControlCharactersAreEscaped) {
  EXPECT_EQ(printable("a\x1b[2Jb\tc\nd\x7f"), "a\\x1B[2Jb\\tc\\nd\\x7F");
  EXPECT_EQ(printable("\xc2\x9b" "31m"), "\\u009B31m");  // C1 CSI in UTF-8
  EXPECT_EQ(printable("h\xc3\xa9te"), "h\xc3\xa9te");    // UTF-8 text is kept
  EXPECT_EQ(display_command({"a\x1b"}), "'a\\x1B'");
}

}  // namespace
}  // namespace hpcpat
