// Reading a whole (small) text file, with failures reported as InputError naming the file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "hpcpat/base/input_file.hpp"

namespace hpcpat {

// The contents of `path`. Throws InputError "<path>: cannot read: <reason>" when the file is
// missing or unreadable, is not a regular file (a directory, a FIFO, a device), or is larger than
// `max_bytes` (input_file.hpp).
std::string read_text_file(const std::filesystem::path &path,
                           std::uint64_t max_bytes = kDefaultMaxInputBytes);

}  // namespace hpcpat
