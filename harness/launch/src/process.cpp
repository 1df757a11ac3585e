#include "hpcpat/launch/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>

#include "hpcpat/base/input_error.hpp"
#include "process_tree.hpp"

extern char **environ;

namespace hpcpat::launch {
namespace {

using Clock = std::chrono::steady_clock;
// How long ranks get to write their partial profiles before the launcher is told (a dump is a
// few writes; this is for a loaded machine), and how long the job gets to end after that.
constexpr auto kRankGrace = std::chrono::seconds(10);
constexpr auto kJobGrace = std::chrono::seconds(30);
constexpr std::array<int, 2> kStopSignals = {SIGINT, SIGTERM};

int g_signal_pipe[2] = {-1, -1};

// Only records the signal: the run loop decides whom to tell, outside the handler.
void on_stop_signal(int sig) {
  const int saved = errno;
  const unsigned char byte = static_cast<unsigned char>(sig);
  [[maybe_unused]] ssize_t n = write(g_signal_pipe[1], &byte, 1);
  errno = saved;
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

// Our SIGINT/SIGTERM handling for the time of one run: the handler writes the signal to a pipe.
// A signal this process was started with ignored (nohup, a background job) stays ignored, for us
// and for the child, as a shell would do it.
class StopSignals {
 public:
  StopSignals() {
    if (pipe2(g_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
      throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
    }
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    for (std::size_t i = 0; i < kStopSignals.size(); ++i) {
      sigaction(kStopSignals[i], nullptr, &old_[i]);
      if (old_[i].sa_handler != SIG_IGN) sigaction(kStopSignals[i], &sa, nullptr);
    }
    // A child's end wakes the wait at once, so that the run's wall time is the job's, not the
    // job's rounded up to the next poll.
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, &old_child_);
  }
  ~StopSignals() {
    sigaction(SIGCHLD, &old_child_, nullptr);
    for (std::size_t i = 0; i < kStopSignals.size(); ++i) sigaction(kStopSignals[i], &old_[i], nullptr);
    close(g_signal_pipe[0]);
    close(g_signal_pipe[1]);
    g_signal_pipe[0] = g_signal_pipe[1] = -1;
  }
  // The stop signal received since the last call, or 0; waits up to `timeout_ms` for one, or
  // less when a child ends (SIGCHLD, which is not returned).
  static int next(int timeout_ms) {
    pollfd p{g_signal_pipe[0], POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return 0;
    unsigned char bytes[64];
    const ssize_t n = read(g_signal_pipe[0], bytes, sizeof bytes);
    int stop = 0;
    for (ssize_t i = 0; i < n; ++i) {
      if (bytes[i] != SIGCHLD) stop = bytes[i];
    }
    return stop;
  }
  StopSignals(const StopSignals &) = delete;
  StopSignals &operator=(const StopSignals &) = delete;

 private:
  std::array<struct sigaction, kStopSignals.size()> old_{};
  struct sigaction old_child_ {};
};

// In the child between fork and exec: only async-signal-safe calls. Reports errno through the
// close-on-exec pipe when exec fails.
[[noreturn]] void exec_child(pid_t parent, char *const argv[], char *const envp[],
                             const std::string &program, int error_fd, int out_fd, int err_fd) {
  setpgid(0, 0);
  if (out_fd >= 0) dup2(out_fd, STDOUT_FILENO);  // dup2 leaves the copy without O_CLOEXEC
  if (err_fd >= 0) dup2(err_fd, STDERR_FILENO);
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) raise(SIGTERM);  // the parent died before the line above
  // Handled signals are reset by exec; ours must not be inherited as blocked.
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  if (isatty(STDIN_FILENO)) {
    const int null = open("/dev/null", O_RDONLY);
    if (null >= 0) dup2(null, STDIN_FILENO);
  }
  execve(program.c_str(), argv, envp);
  const int err = errno;
  [[maybe_unused]] ssize_t n = write(error_fd, &err, sizeof err);
  _exit(127);
}

// Reaps every child that has ended; returns the status of `pid` when it is among them.
bool reap(pid_t pid, int &status) {
  bool found = false;
  int st = 0;
  for (pid_t p; (p = waitpid(-1, &st, WNOHANG)) > 0;) {
    if (p == pid) {
      status = st;
      found = true;
    }
  }
  return found;
}

// After the launcher ended: what is left of the job on this host has become our child (we are
// its subreaper). Ranks first get SIGTERM to write their partial profiles, then SIGKILL.
int stop_leftovers(const std::string &rank_marker) {
  std::vector<pid_t> left = descendants(getpid());
  if (left.empty()) return 0;
  const int count = static_cast<int>(left.size());
  std::vector<pid_t> ranks = rank_marker.empty() ? std::vector<pid_t>{}
                                                 : with_environment_entry(left, rank_marker);
  signal_all(ranks.empty() ? left : ranks, SIGTERM);
  int status = 0;
  const auto deadline = Clock::now() + kRankGrace;
  while (Clock::now() < deadline && !descendants(getpid()).empty()) {
    reap(-1, status);
    StopSignals::next(50);
  }
  left = descendants(getpid());
  signal_all(left, SIGTERM);
  const auto deadline2 = Clock::now() + std::chrono::seconds(2);
  while (Clock::now() < deadline2 && !descendants(getpid()).empty()) {
    reap(-1, status);
    StopSignals::next(50);
  }
  signal_all(descendants(getpid()), SIGKILL);
  while (waitpid(-1, &status, 0) > 0) {
  }
  return count;
}

// A file the child writes instead of our stdout or stderr; -1 when none was asked for.
class OutputFile {
 public:
  explicit OutputFile(const std::optional<std::filesystem::path> &path) {
    if (!path) return;
    fd_ = open(path->c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd_ < 0) throw InputError("cannot write '" + path->string() + "': " + std::strerror(errno));
  }
  ~OutputFile() {
    if (fd_ >= 0) close(fd_);
  }
  OutputFile(const OutputFile &) = delete;
  OutputFile &operator=(const OutputFile &) = delete;
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
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

ProcessResult run_process(const std::vector<std::string> &argv, const std::vector<EnvVar> &env,
                          const ProcessOptions &options) {
  const std::string &rank_marker = options.rank_marker;
  if (argv.empty() || argv.front().empty()) throw InputError("no program to run");
  const auto program = find_executable(argv.front());
  if (!program) {
    throw InputError("cannot run '" + argv.front() + "': " +
                     std::strerror(argv.front().find('/') == std::string::npos ? ENOENT : EACCES));
  }
  const std::string program_path = program->string();
  std::vector<std::string> args = argv;
  std::vector<std::string> environment = merged_environment(env);
  std::vector<char *> arg_ptrs = pointers(args);
  std::vector<char *> env_ptrs = pointers(environment);

  // Orphans of the job become ours to stop (see the header). Set once; harmless for a process
  // that starts no other children.
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  StopSignals stop_signals;
  const OutputFile out(options.stdout_path), err(options.stderr_path);
  int error_pipe[2];
  if (pipe2(error_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid == 0) {
    exec_child(parent, arg_ptrs.data(), env_ptrs.data(), program_path, error_pipe[1], out.fd(),
               err.fd());
  }
  setpgid(pid, pid);  // also here, so that no signal can reach the child before it has its group
  close(error_pipe[1]);
  int exec_errno = 0;
  const bool exec_failed = read(error_pipe[0], &exec_errno, sizeof exec_errno) == sizeof exec_errno;
  close(error_pipe[0]);

  ProcessResult result;
  int status = 0;
  // Stopping: 0 running, 1 ranks told (the launcher is told at `next_step`), 2 launcher told
  // (its group is killed at `next_step`), 3 killed.
  int stage = 0;
  int stop_signal = 0;  // what the job is being stopped with
  std::vector<pid_t> frozen;  // the launcher's processes stopped while the ranks write (stage 1)
  Clock::time_point next_step = Clock::now();
  const auto started = Clock::now();
  const Clock::time_point deadline =
      options.timeout_s ? started + std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double>(*options.timeout_s))
                        : Clock::time_point::max();
  auto ranks_of_job = [&] {
    return rank_marker.empty() ? std::vector<pid_t>{}
                               : with_environment_entry(descendants(pid), rank_marker);
  };
  while (!reap(pid, status)) {
    int sig = StopSignals::next(stage == 0 ? 200 : 50);
    if (sig != 0 && stage == 0) result.stopped_by = sig;
    if (sig == 0 && stage == 0 && Clock::now() >= deadline) {
      result.timed_out = true;  // stopped as for a SIGTERM of ours
      sig = SIGTERM;
    }
    if (sig != 0 && stage == 0) {
      stop_signal = sig;
      const std::vector<pid_t> ranks = ranks_of_job();
      // The launcher's processes above the ranks are frozen while the ranks write: MPICH's hydra
      // SIGKILLs the siblings of the first rank to die of a signal, before they have written.
      // Should we die meanwhile, the kernel continues the orphaned, stopped group (POSIX).
      frozen = ranks.empty() ? std::vector<pid_t>{} : chain_above(pid, ranks);
      signal_all(frozen, SIGSTOP);
      const int told = signal_all(ranks, sig);
      stage = 1;
      next_step = told > 0 ? Clock::now() + kRankGrace : Clock::now();
    } else if (sig != 0 && stage == 1) {
      next_step = Clock::now();  // asked again: no more waiting for the ranks
    }
    if (stage == 1 && (Clock::now() >= next_step || ranks_of_job().empty())) {
      // Told while still held, so that the signal is the first thing it meets when continued:
      // continued first, a launcher may run on (reap the ranks, kill their siblings, exit) on
      // the other core before the signal lands, or while it has blocked it to fork.
      kill(pid, stop_signal);
      signal_all(frozen, SIGCONT);
      stage = 2;
      next_step = Clock::now() + kJobGrace;
    } else if (stage == 2 && Clock::now() >= next_step) {
      kill(-pid, SIGKILL);  // the launcher did not end: its process group goes
      stage = 3;
    }
  }
  // The launcher ended while its processes above the ranks were held (killed by someone else):
  // those still alive are let go now rather than left stopped.
  if (stage == 1) signal_all(frozen, SIGCONT);
  if (exec_failed) {
    throw InputError("cannot run '" + argv.front() + "': " + std::strerror(exec_errno));
  }
  if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  } else {
    result.exit_code = WEXITSTATUS(status);
  }
  result.leftovers = stop_leftovers(rank_marker);
  return result;
}

}  // namespace hpcpat::launch
