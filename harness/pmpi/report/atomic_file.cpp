#include "atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace hpcpat::pmpi::report {

namespace {

// Appends the decimal form of v; no snprintf (not async-signal-safe).
std::size_t append_uint(char *out, std::size_t at, std::size_t cap, unsigned long v) noexcept {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0 && at + 1 < cap) out[at++] = digits[--n];
  out[at] = '\0';
  return at;
}

}  // namespace

int write_file_atomically(const char *path, const char *data, std::size_t size,
                          bool durable) noexcept {
  const std::size_t path_len = std::strlen(path);
  if (path_len + 32 >= kMaxPath) return ENAMETOOLONG;
  // "<path>.tmp.<pid>": same directory (rename is atomic only within one file system), unique per
  // process so that ranks sharing a directory never collide.
  char tmp[kMaxPath];
  std::memcpy(tmp, path, path_len);
  std::memcpy(tmp + path_len, ".tmp.", 5);
  append_uint(tmp, path_len + 5, sizeof tmp, static_cast<unsigned long>(::getpid()));

  const int fd = ::open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return errno;
  int err = 0;
  for (std::size_t done = 0; done < size && err == 0;) {
    const ssize_t w = ::write(fd, data + done, size - done);
    if (w < 0) {
      if (errno != EINTR) err = errno;
    } else {
      done += static_cast<std::size_t>(w);
    }
  }
  if (err == 0 && durable && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(tmp, path) != 0) err = errno;
  if (err != 0) {
    ::unlink(tmp);
    return err;
  }
  if (!durable) return 0;
  // Make the rename itself durable: fsync the directory that holds the file.
  char dir[kMaxPath];
  const char *slash = std::strrchr(path, '/');
  if (slash == nullptr) {
    dir[0] = '.';
    dir[1] = '\0';
  } else {
    const std::size_t n = slash == path ? 1 : static_cast<std::size_t>(slash - path);
    std::memcpy(dir, path, n);
    dir[n] = '\0';
  }
  const int dfd = ::open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);  // best effort: some file systems refuse fsync on directories
    ::close(dfd);
  }
  return 0;
}

}  // namespace hpcpat::pmpi::report
