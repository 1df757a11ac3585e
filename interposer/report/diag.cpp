#include "diag.hpp"

#include <unistd.h>

#include <cstdarg>
#include <cstdio>
#include <cstring>

namespace hpcpat::pmpi::report {

namespace {
void write_all(const char *p, std::size_t n) noexcept {
  while (n > 0) {
    const ssize_t w = ::write(STDERR_FILENO, p, n);
    if (w <= 0) return;  // stderr closed or full: nothing better to do
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}
}  // namespace

void warn(const char *fmt, ...) noexcept {
  char line[1024] = "hpcpat: ";
  const std::size_t prefix = std::strlen(line);
  va_list ap;
  va_start(ap, fmt);
  const int n = std::vsnprintf(line + prefix, sizeof line - prefix - 1, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  std::size_t len = std::strlen(line);
  line[len++] = '\n';
  write_all(line, len);  // one write: lines of different ranks do not interleave mid-line
}

void warn_raw(const char *msg) noexcept {
  char line[4200] = "hpcpat: ";
  std::size_t len = std::strlen(line);
  for (const char *p = msg; *p != '\0' && len < sizeof line - 1; ++p) line[len++] = *p;
  line[len++] = '\n';
  write_all(line, len);
}

}  // namespace hpcpat::pmpi::report
