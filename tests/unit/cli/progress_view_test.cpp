// The progress renderer: durations for people, the time-left estimate, and what a log (not a
// terminal) receives: one plain line per run, nothing redrawn.
#include "progress_view.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace hpcpat::cli {
namespace {

TEST(ShortDuration, ReadsAsPeopleWriteIt) {
  EXPECT_EQ(short_duration(0), "0s");
  EXPECT_EQ(short_duration(42.4), "42s");
  EXPECT_EQ(short_duration(187), "3m07s");
  EXPECT_EQ(short_duration(3720), "1h02m");
  EXPECT_EQ(short_duration(-5), "0s");
}

TEST(EstimateLeft, MeanOfTimedRunsTimesRunsLeft) {
  EXPECT_LT(estimate_left(0, 0, 10), 0);  // nothing timed yet: no estimate
  EXPECT_DOUBLE_EQ(estimate_left(6.0, 3, 5), 10.0);
  EXPECT_DOUBLE_EQ(estimate_left(6.0, 3, 0), 0.0);
}

std::string rendered(bool terminal, const std::function<void(ProgressView &)> &feed) {
  char *buf = nullptr;
  std::size_t len = 0;
  std::FILE *out = open_memstream(&buf, &len);
  {
    ProgressView view(out, terminal);
    feed(view);
    view.finish();
  }
  std::fclose(out);
  std::string text(buf, len);
  std::free(buf);
  return text;
}

TEST(ProgressView, ALogGetsOnePlainLinePerRun) {
  study::PlannedRun a, b, c;
  a.name = "md.n1.rep1";
  b.name = "md.n1.rep2";
  c.name = "md.n2.rep1";
  const std::string text = rendered(false, [&](ProgressView &v) {
    runner::RunEvent e;
    e.total = 3;
    e.run = &a;
    e.kind = runner::RunEvent::Kind::skipped;
    v.on_event(e);
    e.run = &b;
    e.index = 1;
    e.kind = runner::RunEvent::Kind::started;
    v.on_event(e);  // nothing for a log
    e.kind = runner::RunEvent::Kind::finished;
    e.wall_s = 1.234;
    v.on_event(e);
    e.run = &c;
    e.index = 2;
    e.status = store::RunStatus::timeout;
    e.cause = "stopped at its timeout of 3 s";
    e.wall_s = 3.5;
    v.on_event(e);
  });
  EXPECT_EQ(text,
            "[1/3] md.n1.rep1: kept (complete before --resume)\n"
            "[2/3] md.n1.rep2: ok, 1.23 s\n"
            "[3/3] md.n2.rep1: timeout, 3.50 s, stopped at its timeout of 3 s\n");
}

TEST(ProgressView, ATerminalRedrawsOneLineAndKeepsFailures) {
  study::PlannedRun a;
  a.name = "cg.n1.rep1";
  const std::string text = rendered(true, [&](ProgressView &v) {
    runner::RunEvent e;
    e.total = 2;
    e.run = &a;
    v.on_event(e);
    e.kind = runner::RunEvent::Kind::finished;
    e.status = store::RunStatus::crashed;
    e.cause = "a rank was killed by signal 6 (SIGABRT)";
    e.wall_s = 2;
    v.on_event(e);
  });
  EXPECT_NE(text.find("\r\033[K[........................] 0/2  cg.n1.rep1"), std::string::npos);
  EXPECT_NE(text.find("\r\033[Kcg.n1.rep1: crashed, a rank was killed by signal 6 (SIGABRT)\n"),
            std::string::npos);
  EXPECT_NE(text.find("[############............] 1/2  not ok 1  ETA 2s"), std::string::npos);
  EXPECT_EQ(text.back(), '\n');
}

}  // namespace
}  // namespace hpcpat::cli
