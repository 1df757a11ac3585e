#include "hpcpat/base/input_file.hpp"

#include <fcntl.h>
#include <stdio_ext.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "hpcpat/base/input_error.hpp"

namespace hpcpat {
namespace {

const char *kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

}  // namespace

std::string describe_size(std::uint64_t bytes) {
  constexpr double kMiB = 1024.0 * 1024.0;
  char text[64];
  if (bytes >= (std::uint64_t{1} << 30)) {
    std::snprintf(text, sizeof text, "%.1f GiB", static_cast<double>(bytes) / (kMiB * 1024.0));
  } else if (bytes >= (std::uint64_t{1} << 20)) {
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / kMiB);
  } else {
    std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
  }
  return text;
}

InputFile::InputFile(const std::filesystem::path &path, std::uint64_t max_bytes,
                     std::string_view raise_hint)
    : name_(path.string()), max_bytes_(max_bytes) {
  int fd = ::open(name_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) throw InputError(name_ + ": cannot read: " + std::strerror(errno));
  struct stat st {};
  bool stat_ok = ::fstat(fd, &st) == 0;
  if (!stat_ok || !S_ISREG(st.st_mode)) {
    std::string why = stat_ok ? kind_of(st.st_mode) : std::strerror(errno);
    ::close(fd);
    throw InputError(name_ + ": cannot read: " + why + ", expected a regular file");
  }
  size_ = static_cast<std::uint64_t>(st.st_size);
  if (size_ > max_bytes_) {
    ::close(fd);
    std::string message = name_ + ": " + describe_size(size_) + ", over the limit of " +
                          describe_size(max_bytes_) + " for this input";
    if (!raise_hint.empty()) message += " " + std::string(raise_hint);
    throw InputError(message);
  }
  // Regular files never block; clear O_NONBLOCK anyway so that reads behave as documented.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  stream_ = ::fdopen(fd, "rb");
  if (stream_ == nullptr) {
    int err = errno;
    ::close(fd);
    throw InputError(name_ + ": cannot read: " + std::strerror(err));
  }
  __fsetlocking(stream_, FSETLOCKING_BYCALLER);
}

InputFile::~InputFile() {
  if (stream_ != nullptr) std::fclose(stream_);
}

std::string InputFile::read_all() {
  std::string text;
  text.resize(size_);
  std::size_t got = std::fread(text.data(), 1, text.size(), stream_);
  if (std::ferror(stream_)) throw InputError(name_ + ": cannot read: " + std::strerror(errno));
  text.resize(got);
  // A file that grew since fstat (a writer still at work) is read up to the limit, not beyond.
  char buffer[65536];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, stream_)) {
    if (text.size() + n > max_bytes_) {
      throw InputError(name_ + ": grew past the limit of " + describe_size(max_bytes_) +
                       " while being read");
    }
    text.append(buffer, n);
  }
  return text;
}

}  // namespace hpcpat
