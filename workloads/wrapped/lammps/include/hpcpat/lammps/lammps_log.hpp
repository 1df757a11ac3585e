// Parser for LAMMPS log output (log.lammps or the screen): the figures the harness records beside
// the interposer's MPI fraction — per run: "Loop time of T on P procs for S steps with N atoms",
// the "Performance:" line (timesteps/s, and tau/day or ns/day), and the "MPI task timing
// breakdown" table (min/avg/max time, %varavg, %total per section: Pair, Neigh, Comm, ...).
// A log holds one block per "run" command; all are returned, in order.
#pragma once

#include <istream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace hpcpat::lammps {

// Thrown when the text holds no complete run block, or a block is malformed. what() names the
// source and the line.
class LogError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TimingSection {
  std::optional<double> min_s, avg_s, max_s;  // "Other" has only avg
  std::optional<double> varavg_percent;
  double total_percent = 0;  // share of the loop time, 0..100
};

struct RunFigures {
  double loop_time_s = 0;
  int procs = 0;
  long long steps = 0;
  long long atoms = 0;
  std::optional<double> timesteps_per_s;          // "Performance: ..., X timesteps/s"
  std::optional<double> time_units_per_day;       // tau/day (lj) or ns/day (metal, real)
  std::string time_unit;                          // "tau" or "ns" (what time_units_per_day counts)
  std::optional<double> cpu_use_percent;          // "93.5% CPU use with ..."
  std::map<std::string, TimingSection> sections;  // key: "Pair", "Comm", ...

  double atom_steps_per_s() const {
    return loop_time_s > 0 ? atoms * double(steps) / loop_time_s : 0;
  }
  // The "Comm" row's %total as a fraction (0..1), when the table was printed.
  std::optional<double> comm_fraction() const;
};

struct LogFigures {
  std::string version;           // from the first line, e.g. "29 Sep 2021 - Update 2"
  std::vector<RunFigures> runs;  // one per "Loop time" block, in order; never empty
  const RunFigures &last() const { return runs.back(); }
};

// `source` names the input in error messages (a file name).
LogFigures parse_log(std::istream &in, const std::string &source);
LogFigures parse_log_file(const std::string &path);

}  // namespace hpcpat::lammps
