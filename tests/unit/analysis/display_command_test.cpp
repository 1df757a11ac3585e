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

}  // namespace
}  // namespace hpcpat
