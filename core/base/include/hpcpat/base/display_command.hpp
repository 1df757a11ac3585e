// argv rendered as one line a user could paste into a POSIX shell (single quotes where needed).
// For display only: hpcpat never passes a user string through a shell.
#pragma once

#include <string>
#include <vector>

namespace hpcpat {

std::string display_command(const std::vector<std::string> &argv);

}  // namespace hpcpat
