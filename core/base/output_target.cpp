#include "hpcpat/base/output_target.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "hpcpat/base/atomic_file.hpp"

namespace hpcpat::base {
namespace {

// What the atomic writer appends to a name for its temporary: ".tmp.<pid>.<serial>", at most.
constexpr std::size_t kTemporaryExtra = 5 + 10 + 1 + 20;

std::string describe_errno(int err) {
  return std::strerror(err);
}

// The directory part of `path` ("." for a bare name, "/" for "/name").
std::string directory_of(const std::string &path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// True when `dir`, with symbolic links resolved, is /proc or /sys or below (e.g. /dev/fd is
// /proc/self/fd).
bool on_kernel_file_system(const std::string &dir, std::string &which) {
  char resolved[PATH_MAX];
  const std::string real = ::realpath(dir.c_str(), resolved) != nullptr ? resolved : dir;
  for (const std::string_view root : {"/proc", "/sys"}) {
    if (real == root || (real.size() > root.size() && real.starts_with(root) &&
                         real[root.size()] == '/')) {
      which = root;
      return true;
    }
  }
  return false;
}

const char *kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

bool same_file(const std::string &a, const std::string &b) {
  struct stat sa {}, sb {};
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

}  // namespace

std::size_t partial_name_extra(long ranks) noexcept {
  std::size_t digits = 1;
  for (long r = ranks > 1 ? ranks - 1 : 0; r >= 10; r /= 10) ++digits;
  // "<stem>.rank<N>.partial.json" replaces ".json" of "<stem>.json".
  return std::strlen(".rank") + digits + std::strlen(".partial.json") - std::strlen(".json");
}

std::string output_target_problem(const std::string &path, const OutputRules &rules) {
  if (path.empty()) return "expected a file path, got an empty one";
  if (path.back() == '/') return "is a directory; expected a file path";
  const std::string dir = directory_of(path);
  const std::string name = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  if (name == "." || name == "..") return "is a directory; expected a file path";
  std::string kernel_fs;
  if (on_kernel_file_system(dir, kernel_fs)) {
    return "is under " + kernel_fs +
           " (a kernel file system, not storage); expected a path on an ordinary file system";
  }
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return "directory '" + dir + "' does not exist; expected a file path in an existing, " +
           "writable directory";
  }
  if (path.size() + rules.name_extra + kTemporaryExtra >= kMaxPath) {
    return "the path is " + std::to_string(path.size()) + " bytes long; expected at most " +
           std::to_string(kMaxPath - 1 - rules.name_extra - kTemporaryExtra);
  }
  const long name_max_conf = ::pathconf(dir.c_str(), _PC_NAME_MAX);
  const std::size_t name_max = name_max_conf > 0 ? static_cast<std::size_t>(name_max_conf) : NAME_MAX;
  const std::size_t extra = rules.name_extra + kTemporaryExtra;
  if (name.size() + extra > name_max) {
    return "the file name is " + std::to_string(name.size()) + " bytes long; expected at most " +
           std::to_string(name_max > extra ? name_max - extra : 0) + " (the file system allows " +
           std::to_string(name_max) + ", and the partial dumps and temporary files add " +
           std::to_string(extra) + ")";
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return "directory '" + dir + "' is not writable (" + describe_errno(errno) +
           "); expected a file path in an existing, writable directory";
  }
  // access() says yes to root on a read-only file system: try for real.
  if (const std::string why = check_writable(path); !why.empty()) {
    return "directory '" + dir + "' is not writable (" + why +
           "); expected a file path in an existing, writable directory";
  }
  struct stat target {};
  if (::lstat(path.c_str(), &target) != 0) return {};  // a new file
  if (!rules.protected_file.empty() && same_file(path, rules.protected_file)) {
    return "is the program being profiled; expected another file name";
  }
  if (!S_ISREG(target.st_mode)) {
    return std::string("exists and is ") + kind_of(target.st_mode) +
           "; expected a new file name (only regular files are ever replaced)";
  }
  if (!rules.replace_existing) {
    std::string msg = "already exists; expected a new file name";
    if (*rules.replace_hint != '\0') msg += std::string(" (") + rules.replace_hint + ")";
    return msg;
  }
  return {};
}

}  // namespace hpcpat::base
