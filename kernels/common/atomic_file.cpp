#include "atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace hpcpat::kernels {
namespace {

std::string temp_name(const std::string &path) {
  return path + ".tmp." + std::to_string(getpid()) + ".XXXXXX";
}

std::string reason(const std::string &what, const std::string &path) {
  return "cannot " + what + " '" + path + "': " + std::strerror(errno);
}

}  // namespace

std::string write_file_atomically(const std::string &path, const std::string &content) {
  std::string name = temp_name(path);
  std::vector<char> buf(name.begin(), name.end());
  buf.push_back('\0');
  const int fd = mkstemp(buf.data());
  if (fd < 0) return reason("create a file beside", path);
  const std::string tmp(buf.data());
  std::size_t off = 0;
  while (off < content.size()) {
    const ssize_t n = write(fd, content.data() + off, content.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = reason("write", tmp);
      close(fd);
      unlink(tmp.c_str());
      return why;
    }
    off += static_cast<std::size_t>(n);
  }
  fchmod(fd, 0644);
  if (fsync(fd) != 0 || close(fd) != 0) {
    const std::string why = reason("flush", tmp);
    unlink(tmp.c_str());
    return why;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = reason("rename onto", path);
    unlink(tmp.c_str());
    return why;
  }
  return "";
}

std::string check_writable(const std::string &path) {
  std::string name = temp_name(path);
  std::vector<char> buf(name.begin(), name.end());
  buf.push_back('\0');
  const int fd = mkstemp(buf.data());
  if (fd < 0) return reason("create a file beside", path);
  close(fd);
  unlink(buf.data());
  return "";
}

}  // namespace hpcpat::kernels
