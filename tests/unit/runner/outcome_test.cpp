// How a run ended, in the store's words: every branch of classify() from the facts a launcher
// reports.
#include "outcome.hpp"

#include "launcher_report.hpp"

#include <gtest/gtest.h>
#include <signal.h>

namespace hpcpat::runner {
namespace {

using store::RunStatus;

LaunchFacts written(int exit_code) {
  LaunchFacts f;
  f.exit_code = exit_code;
  f.profile_written = true;
  f.ranks = 4;
  return f;
}

TEST(Classify, ExitZeroWithAProfileIsOk) {
  const Outcome o = classify(written(0));
  EXPECT_EQ(o.status, RunStatus::ok);
  EXPECT_EQ(o.cause, "");
}

TEST(Classify, ANonZeroExitFails) {
  LaunchFacts f = written(3);
  f.profile_written = false;
  f.partial_profiles = 2;
  const Outcome o = classify(f);
  EXPECT_EQ(o.status, RunStatus::failed);
  EXPECT_EQ(o.cause, "exit status 3; partial profiles of 2 of 4 ranks kept");
}

TEST(Classify, ARankKilledBySignalIsACrash) {
  LaunchFacts f = written(128 + SIGSEGV);
  f.profile_written = false;
  const Outcome o = classify(f);
  EXPECT_EQ(o.status, RunStatus::crashed);
  EXPECT_EQ(o.cause, "a rank was killed by signal 11 (SIGSEGV) (exit status 139); no profile "
                     "written");
}

// MPICH's Hydra ends with the signal's number itself: only its report tells a crash from exit(6).
TEST(Classify, ARankSignalTheLauncherReportedIsACrash) {
  LaunchFacts f = written(6);
  f.profile_written = false;
  f.rank_signal = SIGABRT;
  const Outcome o = classify(f);
  EXPECT_EQ(o.status, RunStatus::crashed);
  EXPECT_EQ(o.cause, "a rank was killed by signal 6 (SIGABRT) (exit status 6); no profile written");
  f.rank_where = "rank 1 on vm";
  EXPECT_EQ(classify(f).cause,
            "rank 1 on vm was killed by signal 6 (SIGABRT) (exit status 6); no profile written");
}

TEST(LauncherReport, OpenMpiAndHydraWordsAreRead) {
  const auto ompi = rank_signal_in(
      "x\nmpirun.openmpi noticed that process rank 1 with PID 0 on node vm exited on signal 6 "
      "(Aborted).\n");
  ASSERT_TRUE(ompi.has_value());
  EXPECT_EQ(ompi->signal, 6);
  EXPECT_EQ(ompi->where, "rank 1 on vm");
  const auto hydra = rank_signal_in(
      "=   EXIT CODE: 11\nYOUR APPLICATION TERMINATED WITH THE EXIT STRING: Segmentation fault "
      "(signal 11)\nThis typically refers to a problem with your application.\n");
  ASSERT_TRUE(hydra.has_value());
  EXPECT_EQ(hydra->signal, 11);
  EXPECT_EQ(hydra->where, "");
  EXPECT_FALSE(rank_signal_in("rank 0 exited with status 6\n").has_value());
}

TEST(Classify, TheLauncherKilledIsACrash) {
  LaunchFacts f;
  f.signal = SIGKILL;
  EXPECT_EQ(classify(f).status, RunStatus::crashed);
  EXPECT_EQ(classify(f).cause, "the launcher was killed by signal 9 (SIGKILL); no profile written");
}

TEST(Classify, ATimeoutSaysItsLimitWhateverTheExit) {
  LaunchFacts f;
  f.signal = SIGTERM;
  f.timed_out = true;
  f.timeout_s = 2.5;
  f.partial_profiles = 4;
  f.ranks = 4;
  const Outcome o = classify(f);
  EXPECT_EQ(o.status, RunStatus::timeout);
  EXPECT_EQ(o.cause, "stopped at its timeout of 2.5 s; partial profiles of 4 of 4 ranks kept");
}

TEST(Classify, ALaunchErrorComesFirst) {
  LaunchFacts f = written(0);
  f.launch_error = "cannot find program 'nope' in PATH";
  EXPECT_EQ(classify(f).status, RunStatus::launch_error);
  EXPECT_EQ(classify(f).cause, "cannot find program 'nope' in PATH");
}

TEST(Classify, ExitZeroWithoutAProfileFails) {
  LaunchFacts f = written(0);
  f.profile_written = false;
  EXPECT_EQ(classify(f).status, RunStatus::failed);
}

TEST(Classify, FluxsOwnVerdictCounts) {
  LaunchFacts f = written(0);
  f.flux_result = "CANCELED";
  EXPECT_EQ(classify(f).status, RunStatus::failed);
  EXPECT_EQ(classify(f).cause, "Flux result CANCELED");
  f.flux_result = "COMPLETED";
  EXPECT_EQ(classify(f).status, RunStatus::ok);
}

}  // namespace
}  // namespace hpcpat::runner
