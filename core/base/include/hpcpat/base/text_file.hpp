// Reading a whole (small) text file, with failures reported as InputError naming the file.
#pragma once

#include <filesystem>
#include <string>

namespace hpcpat {

// The contents of `path`. Throws InputError "<path>: cannot read: <reason>" when the file is
// missing, unreadable or a directory.
std::string read_text_file(const std::filesystem::path &path);

}  // namespace hpcpat
