#include "hpcpat/lammps/lammps_log.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace hpcpat::lammps {

namespace {

std::string trim(const std::string &s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

[[noreturn]] void fail(const std::string &source, int line, const std::string &what) {
  throw LogError(source + ":" + std::to_string(line) + ": " + what);
}

double number(const std::string &text, const std::string &source, int line, const char *field) {
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception &) {
  }
  fail(source, line, std::string("expected a number for ") + field + ", got '" + text + "'");
}

// "Pair    | 0.10935    | 0.14264    | 0.17593    |   8.8 | 21.13" (Other leaves blanks).
void parse_section_row(const std::string &row, RunFigures &run, const std::string &source,
                       int line) {
  std::vector<std::string> cells;
  std::stringstream ss(row);
  for (std::string cell; std::getline(ss, cell, '|');) cells.push_back(trim(cell));
  if (cells.size() != 6) fail(source, line, "timing row needs 6 '|'-separated cells: " + row);
  TimingSection s;
  auto opt = [&](const std::string &c, const char *field) -> std::optional<double> {
    if (c.empty()) return std::nullopt;
    return number(c, source, line, field);
  };
  s.min_s = opt(cells[1], "min time");
  s.avg_s = opt(cells[2], "avg time");
  s.max_s = opt(cells[3], "max time");
  s.varavg_percent = opt(cells[4], "%varavg");
  s.total_percent = number(cells[5], source, line, "%total");
  run.sections[cells[0]] = s;
}

bool starts_with(const std::string &s, const char *prefix) {
  return s.rfind(prefix, 0) == 0;
}

// " 64008.892 tau/day, 148.169 timesteps/s" (lj) or " 156.338 ns/day, 0.154 hours/ns, 361.895
// timesteps/s" (metal): comma-separated "value unit" pairs; newer versions add katom-step/s.
void parse_performance(const std::string &rest, RunFigures &run, const std::string &source,
                       int line) {
  std::stringstream ss(rest);
  for (std::string part; std::getline(ss, part, ',');) {
    std::stringstream fields(trim(part));
    std::string value, unit;
    fields >> value >> unit;
    if (unit == "timesteps/s") {
      run.timesteps_per_s = number(value, source, line, "timesteps/s");
    } else if (unit == "tau/day" || unit == "ns/day") {
      run.time_units_per_day = number(value, source, line, unit.c_str());
      run.time_unit = unit.substr(0, unit.find('/'));
    }
  }
}

}  // namespace

std::optional<double> RunFigures::comm_fraction() const {
  const auto it = sections.find("Comm");
  if (it == sections.end()) return std::nullopt;
  return it->second.total_percent / 100.0;
}

LogFigures parse_log(std::istream &in, const std::string &source) {
  LogFigures log;
  std::string text;
  int line = 0;
  bool in_table = false;
  while (std::getline(in, text)) {
    ++line;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    RunFigures run;
    double cpu = 0;
    if (log.version.empty() && starts_with(text, "LAMMPS (") && text.back() == ')') {
      log.version = text.substr(8, text.size() - 9);
    } else if (std::sscanf(text.c_str(),
                           "Loop time of %lf on %d procs for %lld steps with %lld atoms",
                           &run.loop_time_s, &run.procs, &run.steps, &run.atoms) == 4) {
      log.runs.push_back(run);
      in_table = false;
    } else if (log.runs.empty()) {
      continue;  // thermo output and setup before the first loop: not ours
    } else if (starts_with(text, "Performance:")) {
      parse_performance(text.substr(12), log.runs.back(), source, line);
    } else if (text.find("% CPU use") != std::string::npos &&
               std::sscanf(text.c_str(), "%lf%% CPU use", &cpu) == 1) {
      log.runs.back().cpu_use_percent = cpu;
    } else if (starts_with(text, "Section |")) {
      in_table = true;
    } else if (in_table) {
      if (starts_with(text, "-----")) continue;
      if (trim(text).empty()) {
        in_table = false;
        continue;
      }
      parse_section_row(text, log.runs.back(), source, line);
    }
  }
  if (log.runs.empty())
    fail(source, line,
         "no 'Loop time of ... on P procs for S steps with N atoms' line: not a "
         "complete LAMMPS run log");
  return log;
}

LogFigures parse_log_file(const std::string &path) {
  std::ifstream in(path);
  if (!in) throw LogError(path + ": cannot open LAMMPS log");
  return parse_log(in, path);
}

}  // namespace hpcpat::lammps
