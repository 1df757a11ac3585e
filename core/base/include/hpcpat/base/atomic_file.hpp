// Writes a file so that readers see either nothing or the whole content, never a truncated file:
// a temporary file beside the target (rename is atomic only within one file system), write,
// optionally fsync, rename over the final name, fsync the directory. The one implementation used
// by the interposer (including its fault handlers), the kernels and the apps.
//
// It replaces only regular files: a target that exists and is anything else (a device such as
// /dev/null, a FIFO, a directory, a socket, a symbolic link, which rename would replace rather
// than follow) is refused, at the moment of the rename (renameat2 RENAME_NOREPLACE, else
// RENAME_EXCHANGE and a look at what was swapped out, swapped back when it is not a regular file),
// so a file put there after a check is not replaced either. With Replace::never it replaces
// nothing at all: another run's profile that took the name first is kept.
//
// Nothing here throws: the interposer is a guest and must never unwind into its host's C frames.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hpcpat::base {

inline constexpr std::size_t kMaxPath = 4096;  // bytes, including the NUL

enum class Durability {
  // fsync the file, then its directory: the file survives a machine crash.
  crash_safe,
  // No fsync: the file survives the process being killed (the page cache keeps it). For the fault
  // paths, which race against the launcher's SIGKILL.
  kill_safe,
};

enum class Replace {
  regular_file,  // an existing regular file is replaced; anything else at the path is refused
  never,         // an existing file of any kind is refused (EEXIST)
};

// What went wrong, without allocating: `error` is the errno of the failed step (0: written) and
// `step` a static description of that step.
struct WriteStatus {
  int error = 0;
  const char *step = "";
  bool ok() const noexcept { return error == 0; }
};

// Async-signal-safe (only open/write/fsync/close/rename/unlink, no malloc, stdio or lock), so the
// fault handlers use it. The temporary is "<path>.tmp.<pid>.<n>", created exclusively, so that
// threads, processes and hosts sharing a directory never share one; it is removed on failure.
WriteStatus write_file_atomically(const char *path, const void *data, std::size_t size,
                                  Durability durability = Durability::crash_safe,
                                  Replace replace = Replace::regular_file) noexcept;

// "cannot <step> '<path>': <strerror>"; empty when `status` is ok. Not async-signal-safe.
std::string describe(const WriteStatus &status, std::string_view path) noexcept;

// Convenience for ordinary code: "" when written, else the message from describe().
std::string write_file_atomically(const std::string &path, std::string_view content,
                                  Durability durability = Durability::crash_safe,
                                  Replace replace = Replace::regular_file) noexcept;

// Whether a file can be created beside `path`: checked before a run, so that a bad output path is
// a usage error at the start rather than a lost result at the end. "" when it can.
std::string check_writable(const std::string &path) noexcept;

}  // namespace hpcpat::base
