// hpcpat profile -n N [options] -- CMD ARGS...: runs CMD under mpirun with libhpcpat-pmpi
// preloaded into the ranks (never into mpirun), then prints the summary of the profile it wrote.
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "build_config.hpp"
#include "exit_codes.hpp"
#include "hpcpat/base/display_command.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/launch/mpirun_launcher.hpp"
#include "hpcpat/launch/pmpi_library.hpp"
#include "hpcpat/launch/process.hpp"
#include "hpcpat/profile/profile_reader.hpp"
#include "hpcpat/report/summary_reporter.hpp"
#include "profile_output.hpp"
#include "subcommands.hpp"

namespace hpcpat::cli {
namespace {
namespace fs = std::filesystem;

struct ProfileOptions {
  int ranks = 0;
  std::string launcher = "mpirun";
  std::string mpi;
  std::string mpirun;
  std::string output;
  std::vector<std::string> tags;
  std::size_t top = 10;
  std::vector<std::string> command;
};

// The launcher executable: --mpirun, else the configured one for the configured flavour, else
// the Debian name of the other flavour's launcher.
std::string launcher_executable(const ProfileOptions &o, launch::MpiFlavour flavour) {
  const BuildConfig &config = build_config();
  std::string wanted = o.mpirun;
  if (wanted.empty()) {
    if (flavour_name(flavour) == config.mpi_flavour && !config.mpiexec.empty()) {
      wanted = config.mpiexec;
    } else {
      wanted = flavour == launch::MpiFlavour::openmpi ? "mpirun.openmpi" : "mpiexec.mpich";
    }
  }
  auto found = launch::find_executable(wanted);
  if (!found) {
    throw InputError((o.mpirun.empty() ? "mpirun" : "--mpirun") + std::string(" '") + wanted +
                     "': not found or not executable; expected an MPI launcher (--mpirun PATH)");
  }
  return found->string();
}

fs::path output_path(const ProfileOptions &o) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (o.output.empty()) {
    return default_profile_path(o.command.front(), std::chrono::system_clock::now(), cwd);
  }
  fs::path out = fs::absolute(o.output, ec).lexically_normal();
  if (!fs::is_directory(out.parent_path(), ec)) {
    throw InputError("-o '" + o.output + "': directory '" + out.parent_path().string() +
                     "' does not exist; expected a file path in an existing directory");
  }
  if (fs::is_directory(out, ec)) {
    throw InputError("-o '" + o.output + "': is a directory; expected a file path");
  }
  return out;
}

std::vector<launch::EnvVar> rank_environment(const ProfileOptions &o, const fs::path &profile,
                                             const std::string &tags) {
  const BuildConfig &config = build_config();
  launch::PmpiLibrarySearch search;
  if (const char *env = std::getenv("HPCPAT_PMPI_LIB")) search.env_value = env;
  search.executable = launch::current_executable();
  search.bin_to_lib = config.bin_to_lib;
  if (!config.pmpi_build_path.empty()) search.build_tree = config.pmpi_build_path;
  std::string preload = launch::locate_pmpi_library(search).string();
  // A sanitized interposer needs its sanitizer runtime loaded first in an unsanitized program.
  if (!config.sanitizer_runtime.empty()) preload = config.sanitizer_runtime + ":" + preload;

  std::vector<launch::EnvVar> env = {{"LD_PRELOAD", preload},
                                     {"HPCPAT_OUTPUT", profile.string()},
                                     {"HPCPAT_LAUNCHER", o.launcher}};
  if (!tags.empty()) env.push_back({"HPCPAT_TAGS", tags});
  return env;
}

void print_summary(const fs::path &path, std::size_t top) {
  profile::Profile p = profile::read_profile(path);
  auto reporter = report::make_summary_reporter(report::SummaryFormat::text);
  std::fputs(reporter->report(p, {top, path.string()}).c_str(), stdout);
  std::fflush(stdout);
}

// After a run that left no complete profile: say so, and summarise the first partial dump.
void report_missing_profile(const fs::path &path, std::size_t top) {
  std::vector<fs::path> partials = partial_profiles(path);
  if (partials.empty()) {
    std::fprintf(stderr,
                 "hpcpat: no profile was written to %s (the ranks did not reach MPI_Finalize "
                 "with libhpcpat-pmpi loaded: not an MPI program, or one linked statically?)\n",
                 path.c_str());
    return;
  }
  std::fprintf(stderr, "hpcpat: the run ended early; %zu partial per-rank profile(s):\n",
               partials.size());
  for (const fs::path &p : partials) std::fprintf(stderr, "  %s\n", p.c_str());
  print_summary(partials.front(), top);
}

int run_profile(const ProfileOptions &o) {
  // Everything the user typed is checked before anything is searched for or started.
  const std::string tags = tags_env_value(o.tags);
  launch::MpiFlavour flavour =
      launch::parse_flavour(o.mpi.empty() ? build_config().mpi_flavour : o.mpi, "--mpi");
  if (!launch::find_executable(o.command.front())) {
    throw InputError("cannot find program '" + o.command.front() + "'" +
                     (o.command.front().find('/') == std::string::npos
                          ? " in PATH"
                          : " (no such executable file)") +
                     "; expected an MPI program after '--'");
  }
  launch::MpirunLauncher launcher(flavour, launcher_executable(o, flavour),
                                  launch::HostFacts::detect());
  const fs::path profile = output_path(o);
  launch::LaunchRequest request{o.ranks, std::nullopt, o.command,
                                rank_environment(o, profile, tags)};
  launch::LaunchCommand cmd = launcher.command(request);

  std::fprintf(stderr, "hpcpat: %s\n", display_command(cmd.argv).c_str());
  std::fflush(stderr);
  const FileStamp before = stamp_file(profile);
  launch::ProcessResult result = launch::run_process(cmd.argv, cmd.launcher_env);
  const FileStamp after = stamp_file(profile);
  std::fflush(stdout);

  const bool written = after.exists && !(after == before);
  int status = result.ok() ? kExitOk : kExitRunFailed;
  try {
    if (written) {
      print_summary(profile, o.top);
    } else {
      report_missing_profile(profile, o.top);
      status = kExitRunFailed;
    }
  } catch (const InputError &e) {
    // A profile that does not read is bad input to the reader; a failed run still says 1.
    std::fprintf(stderr, "hpcpat: %s\n", e.what());
    if (result.ok()) status = kExitBadInput;
  }
  if (!result.ok()) {
    if (result.signal) {
      std::fprintf(stderr, "hpcpat: %s was killed by signal %d\n", cmd.argv.front().c_str(),
                   *result.signal);
    } else {
      std::fprintf(stderr, "hpcpat: the application failed: %s exited with status %d\n",
                   cmd.argv.front().c_str(), result.exit_code);
    }
  }
  return status;
}

}  // namespace

Subcommand add_profile_command(CLI::App &parent) {
  auto o = std::make_shared<ProfileOptions>();
  CLI::App *sub = parent.add_subcommand(
      "profile", "Run an MPI program under libhpcpat-pmpi and summarise where its time went");
  sub->add_option("-n,--ranks", o->ranks, "Number of MPI ranks")
      ->required()
      ->check(CLI::Range(1, 1 << 24));
  sub->add_option("--launcher", o->launcher, "Launcher to start the ranks with")
      ->check(CLI::IsMember({"mpirun"}))
      ->capture_default_str();
  sub->add_option(
         "--mpi", o->mpi,
         "MPI flavour of the launcher (default: " + build_config().mpi_flavour + ", as built)")
      ->check(CLI::IsMember({"openmpi", "mpich"}));
  sub->add_option("--mpirun", o->mpirun, "Path of the mpirun/mpiexec to use");
  sub->add_option("-o,--output", o->output,
                  "Profile JSON to write (default: hpcpat-<program>-<UTC time>.json here)");
  sub->add_option("--tag", o->tags, "KEY=VALUE recorded in the profile's run.tags (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--top", o->top, "Rows of the call table (0: all)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  sub->add_option("command", o->command, "The MPI program and its arguments, after '--'")
      ->required();
  return {sub, [o]() { return run_profile(*o); }};
}

}  // namespace hpcpat::cli
