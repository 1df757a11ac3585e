// The one renderer of a study's progress. On a terminal: one line redrawn in place (a bar, runs
// done of planned, how many did not succeed, the estimated time left, the run now going), with a
// line kept above it for every run that did not succeed. Elsewhere (a file, a pipe, CI): one plain
// line per run as it ends, nothing redrawn.
#pragma once

#include <cstdio>
#include <string>

#include "hpcpat/runner/study_runner.hpp"

namespace hpcpat::cli {

// "1h02m", "3m07s", "42s": a duration for people.
std::string short_duration(double seconds);

// Seconds left: the mean time of the runs timed so far times the runs still to do; negative when
// nothing has been timed yet (no estimate).
double estimate_left(double timed_s, std::size_t timed, std::size_t left);

class ProgressView {
 public:
  ProgressView(std::FILE *out, bool terminal) : out_(out), terminal_(terminal) {}
  void on_event(const runner::RunEvent &event);
  void finish();  // ends the redrawn line

 private:
  void redraw(const std::string &now);
  std::FILE *out_;
  bool terminal_;
  std::size_t done_ = 0, not_ok_ = 0, timed_ = 0, total_ = 0;
  double timed_s_ = 0;
  bool line_open_ = false;
};

}  // namespace hpcpat::cli
