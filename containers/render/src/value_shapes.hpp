// What each kind of matrix value may hold (package names, URLs, versions, checksums, paths, git
// commits, command words), checked by hand: no <regex> (GCC 12 warns falsely inside it under
// -fsanitize, and -Werror turns that into a broken build; core/base/text_scan.hpp). Every value
// but a command word is free of shell metacharacters, so the rendered RUN lines need no quoting
// for it; command words are rendered single-quoted and may hold anything but a quote or a
// control character.
#pragma once

#include <string_view>

namespace hpcpat::containers {

struct Shape {
  bool (*matches)(std::string_view);
  const char *expected;
};

extern const Shape kAxisValue, kPackage, kUrl, kVersion, kSha256, kImage, kRegistry, kPath,
    kSchema, kArch, kCommit, kRelativePath, kWord;

}  // namespace hpcpat::containers
