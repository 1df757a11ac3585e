// Opening a file that we were asked to read, so that no path can hang or exhaust the reader:
// anything but a regular file (a FIFO, a terminal, /dev/zero, /dev/urandom, a directory) is
// refused, and so is a file larger than the caller's limit. The file is opened with O_NONBLOCK (a
// FIFO without a writer would otherwise block open() itself) and checked with fstat() after the
// open, so the check is of the file that is actually read, not of whatever the name pointed to a
// moment earlier. Every refusal is an InputError naming the file (exit status 2).
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace hpcpat {

// The default limit of readers that take a whole file: far above any profile or log we write
// (a 1000-rank profile is a few MiB; 233 MB was reached only by a generated 4096-rank one), far
// below what would exhaust a login node.
inline constexpr std::uint64_t kDefaultMaxInputBytes = std::uint64_t{1} << 30;  // 1 GiB

class InputFile {
 public:
  // `raise_hint` ends the over-limit message, e.g. "(raise it with --max-size MiB)".
  InputFile(const std::filesystem::path &path, std::uint64_t max_bytes,
            std::string_view raise_hint = {});
  ~InputFile();
  InputFile(const InputFile &) = delete;
  InputFile &operator=(const InputFile &) = delete;

  std::uint64_t size() const { return size_; }
  // Buffered reading from the start, for one reader on this thread (stdio's per-call locking is
  // switched off: the JSON parser reads a character at a time).
  std::FILE *stream() const { return stream_; }
  // The whole file; fails when it grew past the limit while being read.
  std::string read_all();

 private:
  std::string name_;
  std::uint64_t max_bytes_ = 0;
  std::uint64_t size_ = 0;
  std::FILE *stream_ = nullptr;
};

// "1.5 GiB", "12.0 MiB", "512 bytes": sizes in messages.
std::string describe_size(std::uint64_t bytes);

}  // namespace hpcpat
