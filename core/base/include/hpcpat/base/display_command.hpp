// argv rendered as one line a user could paste into a POSIX shell (single quotes where needed).
// For display only: hpcpat never passes a user string through a shell.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hpcpat {

// Control characters in an argument are escaped as in printable() below.
std::string display_command(const std::vector<std::string> &argv);

// Text from a file, made safe to print on a terminal: control characters (C0, DEL and C1, which
// includes ESC and CSI, the start of every terminal escape sequence) become \n, \t, \xHH or
// \u00HH; everything else, UTF-8 included, is kept.
std::string printable(std::string_view text);

}  // namespace hpcpat
