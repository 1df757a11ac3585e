#include "hpcpat/launch/process.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>

#include "hpcpat/base/input_error.hpp"

extern char **environ;

namespace hpcpat::launch {
namespace {

std::atomic<pid_t> g_child{0};

// Forwards a signal to the running child. A signal the kernel raised from the terminal (Ctrl-C:
// si_code SI_KERNEL) has already reached the child, which shares our foreground process group;
// sending it again would count as a second Ctrl-C, which makes mpirun kill its ranks at once
// instead of letting them write partial profiles.
void forward_signal(int sig, siginfo_t *info, void *) {
  if (info != nullptr && info->si_code == SI_KERNEL) return;
  pid_t child = g_child.load();
  if (child > 0) kill(child, sig);
}

bool is_executable_file(const std::filesystem::path &p) {
  struct stat st {};
  return stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(p.c_str(), X_OK) == 0;
}

// The child's environment: ours, with `env` replacing or adding variables.
std::vector<std::string> merged_environment(const std::vector<EnvVar> &env) {
  std::map<std::string, std::string> overrides;
  for (const EnvVar &v : env) overrides[v.name] = v.value;
  std::vector<std::string> out;
  for (char **e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string entry(*e);
    std::string name = entry.substr(0, entry.find('='));
    if (overrides.count(name) == 0) out.push_back(std::move(entry));
  }
  for (const auto &[name, value] : overrides) out.push_back(name + "=" + value);
  return out;
}

std::vector<char *> pointers(std::vector<std::string> &strings) {
  std::vector<char *> out;
  out.reserve(strings.size() + 1);
  for (std::string &s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Blocks SIGINT/SIGTERM for the scope: a signal that arrives between spawning the child and
// installing the handlers stays pending and is forwarded once the handlers are in place.
// A signal this process was started with ignored (nohup, a background job) stays ignored, for
// us and for the child, as a shell would do it.
class ForwardingScope {
 public:
  ForwardingScope() {
    sigset_t block = forwarded_set();
    pthread_sigmask(SIG_BLOCK, &block, &original_mask_);
    for (std::size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], nullptr, &old_[i]);
  }
  const sigset_t &original_mask() const { return original_mask_; }

  void start_forwarding(pid_t child) {
    g_child.store(child);
    struct sigaction sa {};
    sa.sa_sigaction = forward_signal;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    for (std::size_t i = 0; i < kSignals.size(); ++i) {
      if (old_[i].sa_handler != SIG_IGN) sigaction(kSignals[i], &sa, nullptr);
    }
    installed_ = true;
    pthread_sigmask(SIG_SETMASK, &original_mask_, nullptr);
  }

  ~ForwardingScope() {
    sigset_t block = forwarded_set();
    pthread_sigmask(SIG_BLOCK, &block, nullptr);
    if (installed_) {
      for (std::size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &old_[i], nullptr);
    }
    g_child.store(0);
    pthread_sigmask(SIG_SETMASK, &original_mask_, nullptr);
  }

  ForwardingScope(const ForwardingScope &) = delete;
  ForwardingScope &operator=(const ForwardingScope &) = delete;

 private:
  static constexpr std::array<int, 2> kSignals = {SIGINT, SIGTERM};
  static sigset_t forwarded_set() {
    sigset_t set;
    sigemptyset(&set);
    for (int sig : kSignals) sigaddset(&set, sig);
    return set;
  }

  sigset_t original_mask_{};
  std::array<struct sigaction, kSignals.size()> old_{};
  bool installed_ = false;
};

}  // namespace

std::optional<std::filesystem::path> find_executable(const std::string &name) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string::npos) {
    if (is_executable_file(name)) return std::filesystem::path(name);
    return std::nullopt;
  }
  const char *path_env = std::getenv("PATH");
  std::string path = path_env != nullptr ? path_env : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    std::string dir = path.substr(start, end - start);
    std::filesystem::path candidate = std::filesystem::path(dir.empty() ? "." : dir) / name;
    if (is_executable_file(candidate)) return candidate;
    start = end + 1;
  }
  return std::nullopt;
}

ProcessResult run_process(const std::vector<std::string> &argv, const std::vector<EnvVar> &env) {
  if (argv.empty() || argv.front().empty()) throw InputError("no program to run");
  std::vector<std::string> args = argv;
  std::vector<std::string> environment = merged_environment(env);
  std::vector<char *> arg_ptrs = pointers(args);
  std::vector<char *> env_ptrs = pointers(environment);

  ForwardingScope scope;
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // The child starts with our signal mask from before the scope. (Dispositions need no reset:
  // exec resets handled signals to default and keeps ignored ones ignored, as intended.)
  posix_spawnattr_setsigmask(&attr, &scope.original_mask());
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);

  pid_t pid = 0;
  int rc = posix_spawnp(&pid, arg_ptrs[0], nullptr, &attr, arg_ptrs.data(), env_ptrs.data());
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    throw InputError("cannot run '" + argv.front() + "': " + std::strerror(rc));
  }
  scope.start_forwarding(pid);

  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
    }
  }
  ProcessResult result;
  if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  } else {
    result.exit_code = WEXITSTATUS(status);
  }
  return result;
}

}  // namespace hpcpat::launch
