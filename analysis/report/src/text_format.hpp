// printf into a std::string, for the text reporters of this part.
#pragma once

#include <cstdarg>
#include <cstdio>
#include <string>

namespace hpcpat::report {

__attribute__((format(printf, 1, 2))) inline std::string fmt(const char *format, ...) {
  va_list args;
  va_start(args, format);
  va_list again;
  va_copy(again, args);
  int n = std::vsnprintf(nullptr, 0, format, args);
  va_end(args);
  std::string out(n > 0 ? static_cast<std::size_t>(n) : 0, '\0');
  if (n > 0) std::vsnprintf(out.data(), out.size() + 1, format, again);
  va_end(again);
  return out;
}

}  // namespace hpcpat::report
