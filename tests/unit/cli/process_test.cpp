// Processes start without a shell, see exactly their argv and environment, report how they ended,
// and receive SIGTERM/SIGINT sent to us while they run.
#include "hpcpat/launch/process.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "fixture.hpp"
#include "process_tree.hpp"
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

std::string slurp(const std::filesystem::path &p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
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

TEST(RunProcess, OutputGoesToTheFilesAsked) {
  test::ScratchDir dir;
  const auto out = dir.path() / "stdout", err = dir.path() / "stderr";
  ProcessOptions options;
  options.stdout_path = out;
  options.stderr_path = err;
  ProcessResult r = run_process({"sh", "-c", "echo to-out; echo to-err >&2"}, {}, options);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(slurp(out), "to-out\n");
  EXPECT_EQ(slurp(err), "to-err\n");
}

TEST(RunProcess, AnUnwritableOutputIsAnInputErrorBeforeAnythingRuns) {
  test::ScratchDir dir;
  const auto marker = dir.path() / "ran";
  ProcessOptions options;
  options.stdout_path = dir.path() / "no-such-dir" / "stdout";
  EXPECT_THROW(run_process({"touch", marker.string()}, {}, options), InputError);
  EXPECT_FALSE(std::filesystem::exists(marker));
}

// A job that would run for 100 s: the launcher (sh) and what it leaves behind (two sleeps) are
// all gone soon after the timeout, and the result says why.
TEST(RunProcess, ATimeoutStopsTheWholeJob) {
  ProcessOptions options;
  options.timeout_s = 0.5;
  const auto start = std::chrono::steady_clock::now();
  ProcessResult r = run_process({"sh", "-c", "sleep 100 & sleep 100 & wait"}, {}, options);
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(r.timed_out);
  EXPECT_FALSE(r.stopped_by.has_value());
  ASSERT_TRUE(r.signal.has_value());
  EXPECT_EQ(*r.signal, SIGTERM);
  EXPECT_EQ(r.leftovers, 2);  // the sleeps, orphaned by sh and stopped by us
  EXPECT_TRUE(descendants(getpid()).empty());
  EXPECT_GE(took, 0.5);
  EXPECT_LT(took, 10.0);
}

// A job whose ranks carry HPCPAT_TEST_RANK=1, stopped by a timeout after 0.5 s.
ProcessOptions ranks_then_timeout() {
  ProcessOptions options;
  options.rank_marker = "HPCPAT_TEST_RANK=1";
  options.timeout_s = 0.5;
  return options;
}

// With a rank marker the ranks hear of the timeout first (to write their partial profiles), and
// the launcher only after they are gone: here the "rank" records the signal, then the
// launcher's trap shows it came second.
TEST(RunProcess, ATimeoutReachesTheRanksBeforeTheLauncher) {
  test::ScratchDir dir;
  const auto log = dir.path() / "order";
  const std::string script =
      "HPCPAT_TEST_RANK=1 sh -c 'trap \"echo rank >> \\\"$0\\\"; exit 0\" TERM; "
      "while :; do sleep 0.05; done' \"$1\" & "
      "trap 'echo launcher >> \"$1\"; exit 3' TERM; while :; do sleep 0.05; done";
  const ProcessOptions options = ranks_then_timeout();
  ProcessResult r = run_process({"sh", "-c", script, "sh", log.string()}, {}, options);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(slurp(log), "rank\nlauncher\n");
}

// A launcher that kills the other ranks as soon as one has died (MPICH's hydra does, with
// SIGKILL): it is held stopped while the ranks write, so the slow rank still writes. Before the
// launcher was frozen the log held only "fast".
TEST(RunProcess, ALauncherCannotKillARankThatIsStillWriting) {
  test::ScratchDir dir;
  const auto log = dir.path() / "written";
  const std::string rank = R"(while :; do sleep 0.05; done' "$1" & )";
  const std::string script =
      R"(HPCPAT_TEST_RANK=1 sh -c 'trap "echo fast >> \"\$0\"; exit 0" TERM; )" + rank +
      R"(HPCPAT_TEST_RANK=1 sh -c 'trap "sleep 0.5; echo slow >> \"\$0\"; exit 0" TERM; )" + rank +
      R"(wait -n; kill -9 $(jobs -p) 2>/dev/null; wait; exit 7)";
  const ProcessOptions options = ranks_then_timeout();
  ProcessResult r = run_process({"bash", "-c", script, "bash", log.string()}, {}, options);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(slurp(log), "fast\nslow\n");
  // Told before it was continued, the launcher meets our SIGTERM before its own `exit 7`.
  ASSERT_TRUE(r.signal.has_value()) << "exit " << r.exit_code;
  EXPECT_EQ(*r.signal, SIGTERM);
  EXPECT_TRUE(descendants(getpid()).empty());
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
