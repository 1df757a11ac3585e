// argv rendered as one line a user could paste into a POSIX shell (single quotes where needed).
// For display only: hpcpat never passes a user string through a shell. Generated scripts quote
// every word with shell_quote.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hpcpat {

// One word for a POSIX shell, exactly: left bare when it is only [A-Za-z0-9_./=:,+@%-] (and not
// empty), else single-quoted with each ' written as '\'' — newlines and all other bytes kept as
// they are, so the shell hands the program the same bytes.
std::string shell_quote(std::string_view word);

// Control characters in an argument are escaped as in printable() below.
std::string display_command(const std::vector<std::string> &argv);

// Text from a file, made safe to print on a terminal: control characters (C0, DEL and C1, which
// includes ESC and CSI, the start of every terminal escape sequence) become \n, \t, \xHH or
// \u00HH; everything else, UTF-8 included, is kept.
std::string printable(std::string_view text);

}  // namespace hpcpat
