// Several processes on one store: two writers finishing runs at the same time both land in the
// index; a writer killed with SIGKILL in the middle of finish_run leaves a store that reindex
// makes consistent (every record whole, every complete folder indexed, nothing else).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "hpcpat/base/input_error.hpp"
#include "store_fixture.hpp"

namespace hpcpat::store {
namespace {

namespace fs = std::filesystem;

std::string run_name(const std::string &writer, int i) { return writer + "-" + std::to_string(i); }

// The child's work: finish `count` runs named <writer>-<i>, each with a profile to read. Reports
// each finished run by one byte on `progress` (when >= 0). Exits 0 when all went well.
[[noreturn]] void writer_process(const fs::path &results, const std::string &writer, int count,
                                 int progress) {
  int status = 0;
  try {
    Store s(results, Store::Mode::existing);
    for (int i = 0; i < count; ++i) {
      RunRecord r = test::make_record("s1", run_name(writer, i), i % 2 ? 10 : 2, i);
      test::fill_run(s, r, i % 2 ? "ring_10ranks.json" : "valid_2ranks.json", 1.0 + i);
      if (!s.finish_run(r).empty()) status = 1;
      if (progress >= 0 && write(progress, "x", 1) != 1) status = 1;
    }
  } catch (const std::exception &) {
    status = 2;
  }
  _exit(status);
}

pid_t start_writer(const fs::path &results, const std::string &writer, int count, int progress) {
  const pid_t pid = fork();
  if (pid == 0) writer_process(results, writer, count, progress);
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(StoreProcesses, TwoWritersAtOnceBothLandInTheIndex) {
  test::ScratchDir scratch;
  const fs::path results = scratch.path() / "results";
  { Store(results).start_study("s1", "spec", {}, false); }
  constexpr int kRuns = 40;
  const pid_t a = start_writer(results, "a", kRuns, -1);
  const pid_t b = start_writer(results, "b", kRuns, -1);
  EXPECT_EQ(wait_exit(a), 0);
  EXPECT_EQ(wait_exit(b), 0);
  const Store s(results, Store::Mode::existing);
  const std::vector<IndexRow> rows = s.rows({});  // as the writers left it: no reindex
  ASSERT_EQ(rows.size(), 2u * kRuns);
  for (const char *writer : {"a", "b"}) {
    for (int i = 0; i < kRuns; ++i) {
      const std::string run = run_name(writer, i);
      EXPECT_TRUE(s.is_complete("s1", run)) << run;
      EXPECT_EQ(std::count_if(rows.begin(), rows.end(),
                              [&](const IndexRow &r) { return r.run == run && r.repeat == i; }),
                1)
          << run;
    }
  }
}

// Kills a writer after `after` finished runs plus `delay` (or, with `at_record`, as soon as the
// next run's record.json appears: between the record and its index row), then checks what it
// left.
void kill_mid_write_and_check(int after, std::chrono::microseconds delay, bool at_record = false) {
  test::ScratchDir scratch;
  const fs::path results = scratch.path() / "results";
  { Store(results).start_study("s1", "spec", {}, false); }
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  const pid_t pid = start_writer(results, "w", 100000, pipe_fds[1]);
  close(pipe_fds[1]);
  char byte;
  for (int i = 0; i < after; ++i) ASSERT_EQ(read(pipe_fds[0], &byte, 1), 1);
  std::this_thread::sleep_for(delay);
  const fs::path next_record = results / "s1" / run_name("w", after) / "record.json";
  for (int spin = 0; at_record && !fs::exists(next_record) && spin < 10000000; ++spin) {
  }
  kill(pid, SIGKILL);
  EXPECT_EQ(wait_exit(pid), 128 + SIGKILL);
  close(pipe_fds[0]);

  Store s(results, Store::Mode::existing);
  std::size_t complete = 0;
  for (const fs::directory_entry &e : fs::directory_iterator(results / "s1")) {
    if (!e.is_directory()) continue;
    if (fs::exists(e.path() / "record.json")) {
      ++complete;
      EXPECT_NO_THROW(read_record(e.path() / "record.json")) << e.path();  // whole, never cut
    }
  }
  EXPECT_GE(complete, static_cast<std::size_t>(after));
  const std::size_t indexed_before = s.rows({}).size();
  // At most the one run killed between its record and its index commit is missing.
  EXPECT_TRUE(indexed_before == complete || indexed_before + 1 == complete)
      << indexed_before << " rows, " << complete << " records";
  // Where the kill landed, for the log: between record and row, or around a whole finish_run.
  std::printf("killed after %zu records, %zu rows\n", complete, indexed_before);
  const ReindexReport report = s.reindex();
  EXPECT_TRUE(report.problems.empty()) << report.problems.front();
  EXPECT_EQ(report.runs, complete);
  EXPECT_LE(report.interrupted, 1u);
  const std::vector<IndexRow> rows = s.rows({});
  ASSERT_EQ(rows.size(), complete);
  for (const IndexRow &row : rows) EXPECT_TRUE(s.is_complete(row.study, row.run)) << row.run;
}

TEST(StoreProcesses, KillNineInTheMiddleOfFinishRunLeavesAConsistentStore) {
  // Several kill points, so some land in the record write, some in the index transaction.
  for (const int delay_us : {0, 150, 400, 900, 2000}) {
    SCOPED_TRACE("delay " + std::to_string(delay_us) + " us");
    kill_mid_write_and_check(5, std::chrono::microseconds(delay_us));
  }
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE("at the record, " + std::to_string(i));
    kill_mid_write_and_check(5, std::chrono::microseconds(0), true);
  }
}

}  // namespace
}  // namespace hpcpat::store
