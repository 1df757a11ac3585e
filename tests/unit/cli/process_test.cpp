// Processes start without a shell, see exactly their argv and environment, report how they ended,
// and receive SIGTERM/SIGINT sent to us while they run.
#include "hpcpat/launch/process.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "fixture.hpp"
#include "hpcpat/base/input_error.hpp"

namespace hpcpat::launch {
namespace {

// /bin/sh is used here only as a test program that checks what it received: the arguments
// themselves are passed as argv elements, never as shell text.
TEST(RunProcess, ArgumentsArriveVerbatim) {
  const std::string nasty = "a b 'q' \"d\" $HOME;exit 3 `x` *";
  ProcessResult r =
      run_process({"sh", "-c", "test \"$#\" = 2 && test \"$1\" = \"$EXPECTED\" && test -z \"$2\"",
                   "sh", nasty, ""},
                  {{"EXPECTED", nasty}});
  EXPECT_TRUE(r.ok()) << "exit " << r.exit_code;
}

TEST(RunProcess, ExitStatusIsForwarded) {
  ProcessResult r = run_process({"sh", "-c", "exit 7"}, {});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_FALSE(r.signal.has_value());
  EXPECT_EQ(r.status_code(), 7);
}

TEST(RunProcess, DeathBySignalIsReported) {
  ProcessResult r = run_process({"sh", "-c", "kill -KILL $$"}, {});
  ASSERT_TRUE(r.signal.has_value());
  EXPECT_EQ(*r.signal, SIGKILL);
  EXPECT_EQ(r.status_code(), 128 + SIGKILL);
}

TEST(RunProcess, EnvironmentOverridesReplaceInheritedValues) {
  setenv("HPCPAT_TEST_INHERITED", "keep", 1);
  setenv("HPCPAT_TEST_REPLACED", "old", 1);
  ProcessResult r = run_process(
      {"sh", "-c",
       "test \"$HPCPAT_TEST_INHERITED\" = keep && test \"$HPCPAT_TEST_REPLACED\" = new"},
      {{"HPCPAT_TEST_REPLACED", "new"}});
  EXPECT_TRUE(r.ok());
  unsetenv("HPCPAT_TEST_INHERITED");
  unsetenv("HPCPAT_TEST_REPLACED");
}

TEST(RunProcess, MissingProgramIsAnInputError) {
  try {
    run_process({"hpcpat-no-such-program-xyz"}, {});
    FAIL() << "expected InputError";
  } catch (const InputError &e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot run 'hpcpat-no-such-program-xyz': No such file or directory");
  }
}

void term_self_after(std::chrono::milliseconds delay, int sig) {
  std::thread([delay, sig] {
    std::this_thread::sleep_for(delay);
    kill(getpid(), sig);
  }).detach();
}

// The child traps the signal and exits 40 + its number: proof that it got the signal from us.
ProcessResult run_trapping_child(int sig) {
  term_self_after(std::chrono::milliseconds(300), sig);
  // The trap also ends the sleep, which would otherwise keep the test's output pipe open.
  return run_process({"sh", "-c",
                      "sleep 10 & p=$!; trap 'kill $p; exit 55' TERM; trap 'kill $p; exit 52' INT; "
                      "wait"},
                     {});
}

TEST(RunProcess, SigtermIsForwardedToTheChild) {
  ProcessResult r = run_trapping_child(SIGTERM);
  EXPECT_EQ(r.exit_code, 55);
  // After the run our own handling is back to what it was (default: terminate).
  struct sigaction now {};
  sigaction(SIGTERM, nullptr, &now);
  EXPECT_EQ(now.sa_handler, SIG_DFL);
}

TEST(RunProcess, SigintIsForwardedToTheChild) {
  ProcessResult r = run_trapping_child(SIGINT);
  EXPECT_EQ(r.exit_code, 52);
}

TEST(FindExecutable, SearchesPathOrTakesAPath) {
  auto sh = find_executable("sh");
  ASSERT_TRUE(sh.has_value());
  EXPECT_EQ(sh->filename(), "sh");
  EXPECT_EQ(find_executable("/bin/sh"), std::filesystem::path("/bin/sh"));
  EXPECT_FALSE(find_executable("hpcpat-no-such-program-xyz").has_value());
  test::ScratchDir dir;
  std::filesystem::path data = dir.write("data.txt", "not a program");
  std::filesystem::permissions(
      data, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_FALSE(find_executable(data.string()).has_value());  // exists, not executable
  EXPECT_FALSE(find_executable("/usr/bin").has_value());     // a directory
  EXPECT_FALSE(find_executable("").has_value());
}

}  // namespace
}  // namespace hpcpat::launch
