// hpcpat-lammps-report: reads a LAMMPS log (and optionally the hpcpat profile of the same run) and
// prints one JSON line with LAMMPS's own figures beside the interposer's MPI fraction. It lives in
// analysis, above both sources: the log parser stays with the LAMMPS wrapper (workloads), and the
// profile is read by the validating profile model, like every other reader of profiles:
//   {"app":"lammps","log":..., "figures":{loop_time_s, timesteps_per_s, atom_steps_per_s,
//    comm_fraction, ...}, "profile":{"mpi_fraction":{min,median,mean,max,stdev}}, "ok":bool}
// Exit 0 when every reported fraction lies in [0, 1] (and, with --require-comm, LAMMPS's Comm share
// is present), 1 otherwise, 2 on unreadable input. Both inputs must be regular files of at most
// --max-size MiB (a FIFO or /dev/zero is refused rather than read without end).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/input_file.hpp"
#include "hpcpat/lammps/lammps_log.hpp"
#include "hpcpat/profile/profile_reader.hpp"

namespace {

using nlohmann::json;

constexpr std::string_view kRaiseHint = "(raise it with --max-size MiB)";

// Throws hpcpat::InputError naming the file and field when the profile is not a valid profile v1.
json read_mpi_fraction(const std::string &path, std::uint64_t max_bytes) {
  const hpcpat::profile::FractionStats f =
      hpcpat::profile::read_profile(path, max_bytes, kRaiseHint).summary.mpi_fraction;
  return {
      {"min", f.min}, {"median", f.median}, {"mean", f.mean}, {"max", f.max}, {"stdev", f.stdev}};
}

bool in_unit_range(double v) {
  return v >= 0.0 && v <= 1.0;
}

}  // namespace

int main(int argc, char **argv) {
  std::string log_path, profile_path;
  bool require_comm = false;
  std::uint64_t max_mib = hpcpat::kDefaultMaxInputBytes >> 20;
  CLI::App cli{"LAMMPS log figures beside the hpcpat profile's MPI fraction",
               "hpcpat-lammps-report"};
  cli.add_option("log", log_path, "LAMMPS log file (log.lammps or -log FILE)")->required();
  cli.add_option("--profile", profile_path, "hpcpat profile JSON of the same run");
  cli.add_flag("--require-comm", require_comm,
               "fail (exit 1) when the log has no timing breakdown with a Comm row");
  cli.add_option("--max-size", max_mib, "Largest log or profile read, in MiB (larger: exit 2)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }

  json out = {{"app", "lammps"}, {"log", log_path}};
  bool ok = true;
  try {
    std::istringstream log_text(
        hpcpat::InputFile(log_path, max_mib << 20, kRaiseHint).read_all());
    const auto log = hpcpat::lammps::parse_log(log_text, log_path);
    const auto &run = log.last();
    out["lammps_version"] = log.version;
    out["params"] = {{"procs", run.procs},
                     {"steps", run.steps},
                     {"atoms", run.atoms},
                     {"runs_in_log", log.runs.size()}};
    json &f = out["figures"];
    f["loop_time_s"] = run.loop_time_s;
    f["atom_steps_per_s"] = run.atom_steps_per_s();
    if (run.timesteps_per_s) f["timesteps_per_s"] = *run.timesteps_per_s;
    if (run.time_units_per_day) f[run.time_unit + "_per_day"] = *run.time_units_per_day;
    if (const auto comm = run.comm_fraction()) {
      f["comm_fraction"] = *comm;
      ok = ok && in_unit_range(*comm);
    } else {
      f["comm_fraction"] = nullptr;  // LAMMPS prints no timing table with "timer off"
      ok = ok && !require_comm;
    }
    if (!profile_path.empty()) {
      out["profile"] = {{"path", profile_path}, {"mpi_fraction", read_mpi_fraction(profile_path, max_mib << 20)}};
      for (const auto &[k, v] : out["profile"]["mpi_fraction"].items())
        if (k != "stdev") ok = ok && in_unit_range(v.get<double>());
    }
  } catch (const hpcpat::lammps::LogError &e) {
    std::fprintf(stderr, "hpcpat-lammps-report: %s\n", e.what());
    return 2;
  } catch (const hpcpat::InputError &e) {
    std::fprintf(stderr, "hpcpat-lammps-report: %s\n", e.what());
    return 2;
  }
  out["ok"] = ok;
  std::printf("%s\n", out.dump().c_str());
  return ok ? 0 : 1;
}
