// Writes a file atomically: a temporary file in the same directory, then rename(2), so readers
// never see a half-written result.
#pragma once

#include <string>

namespace hpcpat::kernels {

// Returns "" on success, else a message naming the path and the reason.
std::string write_file_atomically(const std::string &path, const std::string &content);

// Whether a file can be created beside `path` (checked before a run, so a bad --json path is a
// usage error at the start rather than a lost result at the end). "" when it can.
std::string check_writable(const std::string &path);

}  // namespace hpcpat::kernels
