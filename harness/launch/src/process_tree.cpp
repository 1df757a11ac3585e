#include "process_tree.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <map>
#include <sstream>

namespace hpcpat::launch {
namespace {

// The whole of /proc/PID/NAME, or "" when the process is gone. Read with read(2), not a stream:
// a process that exits between open and read makes read fail with ESRCH, which libstdc++'s
// filebuf turns into an exception; here it only means "gone".
std::string read_proc_file(const std::string &pid, const char *name) {
  const std::string path = "/proc/" + pid + "/" + name;
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) {
      out.append(buf, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      if (n < 0) out.clear();  // gone mid-read: a partial file says nothing reliable
      break;
    }
  }
  close(fd);
  return out;
}

// The parent of `pid` from /proc/PID/stat: the field after the command, which is in parentheses
// and may itself hold spaces and parentheses, so the last ')' ends it.
pid_t parent_of(const std::string &pid) {
  const std::string stat = read_proc_file(pid, "stat");
  const std::size_t close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream rest(stat.substr(close + 1));
  std::string state;
  long ppid = -1;
  rest >> state >> ppid;
  return state == "Z" ? -1 : static_cast<pid_t>(ppid);  // a zombie is gone but for its status
}

}  // namespace

std::vector<pid_t> descendants(pid_t root) {
  std::multimap<pid_t, pid_t> children;
  if (DIR *proc = opendir("/proc")) {
    while (dirent *e = readdir(proc)) {
      char *end = nullptr;
      const long pid = std::strtol(e->d_name, &end, 10);
      if (end == e->d_name || *end != '\0') continue;
      const pid_t parent = parent_of(e->d_name);
      if (parent > 0) children.emplace(parent, static_cast<pid_t>(pid));
    }
    closedir(proc);
  }
  std::vector<pid_t> out;
  std::vector<pid_t> todo = {root};
  while (!todo.empty()) {
    const pid_t p = todo.back();
    todo.pop_back();
    auto [first, last] = children.equal_range(p);
    for (auto it = first; it != last; ++it) {
      out.push_back(it->second);
      todo.push_back(it->second);
    }
  }
  return out;
}

std::vector<pid_t> chain_above(pid_t root, const std::vector<pid_t> &below) {
  std::vector<pid_t> out = {root};
  for (pid_t pid : below) {
    // Kept only when the walk reaches `root`: a rank reparented meanwhile (to us, the subreaper)
    // must not make us stop our own ancestors. Bounded, so that a pid reused mid-walk cannot
    // loop it.
    std::vector<pid_t> chain;
    bool reached = false;
    for (int depth = 0; depth < 4096 && !reached; ++depth) {
      pid = parent_of(std::to_string(pid));
      if (pid <= 1) break;
      reached = pid == root || std::find(out.begin(), out.end(), pid) != out.end();
      if (!reached) chain.push_back(pid);
    }
    if (reached) out.insert(out.end(), chain.begin(), chain.end());
  }
  // A process of `below` under another (a rank's own child carries the rank's environment) is
  // not above them.
  std::erase_if(out, [&](pid_t p) {
    return std::find(below.begin(), below.end(), p) != below.end();
  });
  return out;
}

std::vector<pid_t> with_environment_entry(const std::vector<pid_t> &pids, const std::string &entry) {
  std::vector<pid_t> out;
  for (pid_t pid : pids) {
    std::istringstream environ_entries(read_proc_file(std::to_string(pid), "environ"));
    for (std::string item; std::getline(environ_entries, item, '\0');) {
      if (item == entry) {
        out.push_back(pid);
        break;
      }
    }
  }
  return out;
}

int signal_all(const std::vector<pid_t> &pids, int sig) {
  int sent = 0;
  for (pid_t pid : pids) sent += kill(pid, sig) == 0 ? 1 : 0;
  return sent;
}

}  // namespace hpcpat::launch
