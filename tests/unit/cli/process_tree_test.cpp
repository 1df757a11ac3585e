// The process tree is read from /proc while processes come and go: a known tree is found whole,
// ranks are told apart by their marker, and a process that exits mid-scan is simply absent.
#include "process_tree.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

namespace hpcpat::launch {
namespace {

// Forks a child that runs `sh -c script` with one extra environment entry; returns its pid.
pid_t spawn_shell(const char *script, const char *marker) {
  const pid_t pid = fork();
  if (pid == 0) {
    putenv(const_cast<char *>(marker));
    execl("/bin/sh", "sh", "-c", script, static_cast<char *>(nullptr));
    _exit(127);
  }
  return pid;
}

void reap(pid_t pid) {
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
}

// Killed processes take a moment to go; those reparented to this process (a subreaper once
// run_process has run in it) are reaped here. True once nothing is left below us.
bool no_descendants_soon() {
  for (int i = 0; i < 200; ++i) {
    while (waitpid(-1, nullptr, WNOHANG) > 0) {
    }
    if (descendants(getpid()).empty()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

TEST(ProcessTree, FindsEveryDescendantAndTheMarkedOnes) {
  // sh with two sleeping children: three descendants of this test, all carrying the marker.
  const pid_t sh = spawn_shell("sleep 30 & sleep 30 & wait", "HPCPAT_TREE_TEST=7");
  std::vector<pid_t> found;
  for (int i = 0; i < 200 && found.size() < 3; ++i) {  // until both sleeps have started
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    found = descendants(getpid());
  }
  ASSERT_EQ(found.size(), 3u);
  EXPECT_NE(std::find(found.begin(), found.end(), sh), found.end());
  EXPECT_EQ(with_environment_entry(found, "HPCPAT_TREE_TEST=7").size(), 3u);
  EXPECT_TRUE(with_environment_entry(found, "HPCPAT_TREE_TEST=8").empty());
  EXPECT_TRUE(with_environment_entry(found, "HPCPAT_TREE_TEST").empty());  // whole entries only
  EXPECT_EQ(signal_all(descendants(sh), SIGKILL), 2);
  reap(sh);
  EXPECT_TRUE(no_descendants_soon());
}

// The launcher's chain above the ranks: a shell (the launcher) starts a middle shell (a daemon,
// no marker) which starts a rank; the rank has a child of its own, which inherits the marker.
// Above the ranks stand the launcher and the daemon, never the rank itself.
TEST(ProcessTree, TheChainAboveTheRanksHoldsNoRank) {
  const pid_t launcher = spawn_shell(
      "sh -c 'HPCPAT_TREE_TEST=9 sh -c \"sleep 30 & wait\" & wait' & wait", "HPCPAT_TREE_OTHER=1");
  std::vector<pid_t> ranks;
  for (int i = 0; i < 200 && ranks.size() < 2; ++i) {  // the rank and its sleep
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ranks = with_environment_entry(descendants(launcher), "HPCPAT_TREE_TEST=9");
  }
  ASSERT_EQ(ranks.size(), 2u);
  std::vector<pid_t> above = chain_above(launcher, ranks);
  std::vector<pid_t> all = descendants(launcher);
  ASSERT_EQ(all.size(), 3u);  // the daemon, the rank, its sleep
  EXPECT_EQ(above.size(), 2u);
  EXPECT_EQ(above.front(), launcher);
  for (pid_t rank : ranks) EXPECT_EQ(std::find(above.begin(), above.end(), rank), above.end());
  signal_all(all, SIGKILL);
  reap(launcher);
  EXPECT_TRUE(no_descendants_soon());
}

// Children are born and reaped as fast as possible while the tree is scanned: a process that
// goes between the scan's open and read of its /proc files must not make the scan throw.
TEST(ProcessTree, ProcessesExitingDuringTheScanAreSkipped) {
  std::atomic<bool> stop{false};
  std::thread churn([&] {
    while (!stop.load()) {
      const pid_t pid = fork();
      if (pid == 0) _exit(0);
      if (pid > 0) waitpid(pid, nullptr, 0);
    }
  });
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  int scans = 0;
  EXPECT_NO_THROW({
    while (std::chrono::steady_clock::now() < until) {
      with_environment_entry(descendants(getpid()), "HPCPAT_TREE_TEST=1");
      ++scans;
    }
  });
  stop = true;
  churn.join();
  EXPECT_GT(scans, 0);
}

}  // namespace
}  // namespace hpcpat::launch
