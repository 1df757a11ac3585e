#include "fault_signals.hpp"

#include <signal.h>

#include <cerrno>

#include "diag.hpp"
#include "hpcpat/base/atomic_file.hpp"
#include "partial_dump.hpp"
#include "run_context.hpp"

namespace hpcpat::pmpi::report {

namespace {

constexpr int kSignals[] = {SIGTERM, SIGINT};
constexpr int kNumSignals = sizeof kSignals / sizeof kSignals[0];
struct sigaction g_previous[kNumSignals];
bool g_installed[kNumSignals] = {};

int slot_of(int sig) noexcept {
  for (int i = 0; i < kNumSignals; ++i) {
    if (kSignals[i] == sig) return i;
  }
  return -1;
}

// "signal 15: partial profile written to PATH", composed without stdio.
void announce_dump(int sig) noexcept {
  char msg[base::kMaxPath + 64];
  std::size_t n = 0;
  auto add = [&](const char *s) {
    while (*s != '\0' && n + 1 < sizeof msg) msg[n++] = *s++;
  };
  char num[4] = {static_cast<char>('0' + sig / 10 % 10), static_cast<char>('0' + sig % 10), 0, 0};
  add("signal ");
  add(sig >= 10 ? num : num + 1);
  add(": partial profile written to ");
  add(context().partial_path.c_str());
  msg[n] = '\0';
  warn_raw(msg);
}

void on_fault_signal(int sig, siginfo_t *info, void *uctx) {
  const int saved_errno = errno;  // the interrupted code may be about to read errno
  if (write_partial_dump(ExitInfo{"signal", false, 0, sig})) announce_dump(sig);
  const int i = slot_of(sig);
  struct sigaction prev = {};
  if (i >= 0) prev = g_previous[i];
  if ((prev.sa_flags & SA_SIGINFO) != 0 && prev.sa_sigaction != nullptr) {
    errno = saved_errno;
    prev.sa_sigaction(sig, info, uctx);
    return;
  }
  if ((prev.sa_flags & SA_SIGINFO) == 0 && prev.sa_handler != SIG_DFL &&
      prev.sa_handler != SIG_IGN && prev.sa_handler != nullptr) {
    errno = saved_errno;
    prev.sa_handler(sig);
    return;
  }
  // Default action: die of this signal, as without the interposer.
  struct sigaction dfl = {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, nullptr);
  sigset_t unblock;
  sigemptyset(&unblock);
  sigaddset(&unblock, sig);
  pthread_sigmask(SIG_UNBLOCK, &unblock, nullptr);
  raise(sig);
  errno = saved_errno;
}

}  // namespace

void install_fault_handlers() noexcept {
  for (int i = 0; i < kNumSignals; ++i) {
    struct sigaction prev = {};
    if (sigaction(kSignals[i], nullptr, &prev) != 0) continue;
    if ((prev.sa_flags & SA_SIGINFO) == 0 && prev.sa_handler == SIG_IGN) continue;
    struct sigaction act = {};
    act.sa_sigaction = on_fault_signal;
    act.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&act.sa_mask);
    for (const int s : kSignals) sigaddset(&act.sa_mask, s);  // one dump at a time
    if (sigaction(kSignals[i], &act, &g_previous[i]) == 0) g_installed[i] = true;
  }
}

void remove_fault_handlers() noexcept {
  for (int i = 0; i < kNumSignals; ++i) {
    if (!g_installed[i]) continue;
    struct sigaction current = {};
    // Only restore when ours is still in place: the app may have installed its own since.
    if (sigaction(kSignals[i], nullptr, &current) == 0 && (current.sa_flags & SA_SIGINFO) != 0 &&
        current.sa_sigaction == on_fault_signal) {
      sigaction(kSignals[i], &g_previous[i], nullptr);
    }
    g_installed[i] = false;
  }
}

}  // namespace hpcpat::pmpi::report
