// Writes a file so that readers see either nothing or the whole content, never a truncated file:
// a temporary file in the same directory, write, fsync, rename over the final name, fsync the
// directory. Only open/write/fsync/rename/close/unlink are used, all async-signal-safe (POSIX), so
// the fault handlers use this very function.
#pragma once

#include <cstddef>

namespace hpcpat::pmpi::report {

// Returns 0 on success, else the errno of the step that failed (the temporary file is removed).
// `path` must be shorter than kMaxPath. `durable` adds the fsyncs (file, then directory) that make
// the file survive a machine crash; the fault paths skip them, because there the race is against
// the launcher's SIGKILL, and a process kill never loses what reached the page cache.
int write_file_atomically(const char *path, const char *data, std::size_t size,
                          bool durable = true) noexcept;

inline constexpr std::size_t kMaxPath = 4096;

}  // namespace hpcpat::pmpi::report
