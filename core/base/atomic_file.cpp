#include "hpcpat/base/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace hpcpat::base {

namespace {

// Lock-free, hence usable from a signal handler; distinguishes the threads of one process.
std::atomic<unsigned long> g_temp_serial{0};
static_assert(std::atomic<unsigned long>::is_always_lock_free);

constexpr int kCreateAttempts = 64;  // EEXIST retries: a stale temporary of a reused pid

constexpr const char *kCreate = "create a file beside";
constexpr const char *kWrite = "write";
constexpr const char *kFlush = "flush to disk";
constexpr const char *kRename = "rename a temporary file onto";
constexpr const char *kNotRegular =
    "replace what is not a regular file (a device, FIFO, directory, socket or symbolic link) at";
constexpr const char *kExists = "replace the existing file";
constexpr const char *kSwapBack = "put back what was at";

// What is at `path` now, without following a symbolic link.
enum class Target { none, regular, other, unknown };
Target target_of(const char *path) noexcept {
  struct stat st {};
  if (::lstat(path, &st) != 0) return errno == ENOENT ? Target::none : Target::unknown;
  return S_ISREG(st.st_mode) ? Target::regular : Target::other;
}

// Refusal before anything is written: what is at `path` may not be replaced under `replace`.
WriteStatus refusal(Target t, Replace replace) noexcept {
  if (t == Target::other) return {EEXIST, kNotRegular};
  if (t == Target::regular && replace == Replace::never) return {EEXIST, kExists};
  return {};
}

bool flags_unsupported(int err) noexcept {
  return err == EINVAL || err == ENOSYS || err == ENOTSUP;
}

// Where renameat2's flags are not supported (some network file systems): check, then rename. A
// non-regular file put there between the two is replaced; no better is possible there.
WriteStatus checked_rename(const char *tmp, const char *path, Replace replace) noexcept {
  if (WriteStatus no = refusal(target_of(path), replace); !no.ok()) {
    ::unlink(tmp);
    return no;
  }
  if (::rename(tmp, path) != 0) {
    const WriteStatus failed{errno, kRename};
    ::unlink(tmp);
    return failed;
  }
  return {};
}

// Moves the written temporary onto `path` under `replace`, race-aware: decided by the kernel at
// the moment of the rename, not by an earlier look. Removes the temporary whatever happens, except
// when a swapped-out object cannot be put back (then it stays at the temporary's name, and the
// message says so, rather than deleting someone's device node or directory).
WriteStatus put_in_place(const char *tmp, const char *path, Replace replace) noexcept {
  if (::renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0) return {};
  const int err = errno;
  if (flags_unsupported(err)) {
    // link() never replaces either, and is atomic on every POSIX file system.
    if (::link(tmp, path) == 0) {
      ::unlink(tmp);
      return {};
    }
    const int link_err = errno;
    if (link_err != EEXIST || replace == Replace::never) {
      ::unlink(tmp);
      return {link_err, link_err == EEXIST ? kExists : kRename};
    }
    return checked_rename(tmp, path, replace);
  }
  if (err != EEXIST || replace == Replace::never) {
    ::unlink(tmp);
    return {err, err == EEXIST ? kExists : kRename};
  }
  // Something is there: swap it with ours, look at what came out, and swap back unless it is a
  // regular file.
  if (::renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE) != 0) {
    if (flags_unsupported(errno)) return checked_rename(tmp, path, replace);
    const WriteStatus failed{errno, kRename};
    ::unlink(tmp);
    return failed;
  }
  if (target_of(tmp) == Target::regular) {
    ::unlink(tmp);  // the replaced file
    return {};
  }
  if (::renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE) != 0) return {errno, kSwapBack};
  ::unlink(tmp);  // ours again
  return {EEXIST, kNotRegular};
}

// Appends the decimal form of v at out[at..cap); no snprintf (not async-signal-safe).
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

// Creates "<path>.tmp.<pid>.<n>" exclusively; fills `tmp`. Returns the fd, or -1 with errno set.
int create_temporary(const char *path, char (&tmp)[kMaxPath]) noexcept {
  const std::size_t path_len = std::strlen(path);
  if (path_len + 64 >= kMaxPath) {
    errno = ENAMETOOLONG;
    return -1;
  }
  std::memcpy(tmp, path, path_len);
  std::memcpy(tmp + path_len, ".tmp.", 5);
  std::size_t at = append_uint(tmp, path_len + 5, kMaxPath, static_cast<unsigned long>(::getpid()));
  tmp[at++] = '.';
  for (int attempt = 0; attempt < kCreateAttempts; ++attempt) {
    append_uint(tmp, at, kMaxPath, g_temp_serial.fetch_add(1, std::memory_order_relaxed));
    const int fd = ::open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;  // errno is EEXIST
}

// Makes a rename durable: fsync the directory that holds `path`. Best effort: some file systems
// refuse fsync on directories, and the file itself is complete either way.
void sync_directory_of(const char *path) noexcept {
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
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace

WriteStatus write_file_atomically(const char *path, const void *data, std::size_t size,
                                  Durability durability, Replace replace) noexcept {
  // The obvious refusals before anything is written; put_in_place decides for good.
  if (WriteStatus no = refusal(target_of(path), replace); !no.ok()) return no;
  char tmp[kMaxPath];
  const int fd = create_temporary(path, tmp);
  if (fd < 0) return {errno, kCreate};
  const char *bytes = static_cast<const char *>(data);
  WriteStatus status;
  for (std::size_t done = 0; done < size && status.ok();) {
    const ssize_t w = ::write(fd, bytes + done, size - done);
    if (w < 0) {
      if (errno != EINTR) status = {errno, kWrite};
    } else {
      done += static_cast<std::size_t>(w);
    }
  }
  const bool crash_safe = durability == Durability::crash_safe;
  if (status.ok() && crash_safe && ::fsync(fd) != 0) status = {errno, kFlush};
  if (::close(fd) != 0 && status.ok()) status = {errno, kWrite};
  if (!status.ok()) {
    ::unlink(tmp);
    return status;
  }
  status = put_in_place(tmp, path, replace);
  if (status.ok() && crash_safe) sync_directory_of(path);
  return status;
}

std::string describe(const WriteStatus &status, std::string_view path) noexcept {
  if (status.ok()) return {};
  try {
    std::string msg = "cannot ";
    msg += status.step;
    msg += " '";
    msg += path;
    msg += "': ";
    msg += std::strerror(status.error);
    return msg;
  } catch (...) {
    // Out of memory: a short text fits the string's inline buffer, so this does not allocate.
    return "write failed";
  }
}

std::string write_file_atomically(const std::string &path, std::string_view content,
                                  Durability durability, Replace replace) noexcept {
  return describe(
      write_file_atomically(path.c_str(), content.data(), content.size(), durability, replace),
      path);
}

std::string check_writable(const std::string &path) noexcept {
  char tmp[kMaxPath];
  const int fd = create_temporary(path.c_str(), tmp);
  if (fd < 0) return describe({errno, kCreate}, path);
  ::close(fd);
  ::unlink(tmp);
  return {};
}

}  // namespace hpcpat::base
