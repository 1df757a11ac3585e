// hpcpat profile -n N [--cluster [-N NODES]] [options] -- CMD ARGS...: runs CMD under mpirun with libhpcpat-pmpi
// preloaded into the ranks (never into mpirun), then prints the summary of the profile it wrote.
// Flags in, one hpcpat::run call, then what to say: the run itself lives in harness/run.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "bounds.hpp"
#include "build_config.hpp"
#include "exit_codes.hpp"
#include "hpcpat/base/display_command.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/cluster/cluster_state.hpp"
#include "hpcpat/cluster/rsh_agent.hpp"
#include "hpcpat/contract.h"
#include "hpcpat/profile/profile_inputs.hpp"
#include "hpcpat/report/summary_reporter.hpp"
#include "hpcpat/run/profiled_run.hpp"
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
  bool force = false;
  std::vector<std::string> tags;
  bool cluster = false;
  int nodes = 0;  // 0: every node of the cluster
  std::size_t top = 10;
  std::vector<std::string> command;
};

// The run as hpcpat::run states it; the facts of this build are data in the request.
run::RunRequest run_request(const ProfileOptions &o) {
  run::RunRequest r;
  r.program = o.command;
  r.ranks = o.ranks;
  r.launcher = o.launcher;
  r.mpi_flavour = o.mpi;
  r.launcher_executable = o.mpirun;
  r.output = o.output;
  r.overwrite = o.force;
  r.tags = o.tags;
  r.installation = installation_facts();
  if (o.nodes > 0 && !o.cluster) {
    throw InputError("-N " + std::to_string(o.nodes) +
                     ": expected --cluster with it (nodes are the emulated ones of 'hpcpat "
                     "cluster up')");
  }
  if (o.cluster) {
    const fs::path file = cluster::state_path();
    const auto state = cluster::read_state(file);
    if (!state) {
      throw InputError("--cluster: no cluster is up (" + file.string() +
                       " does not exist); expected one made by 'hpcpat cluster up --nodes N' "
                       "(as root)");
    }
    const int nodes = o.nodes > 0 ? o.nodes : static_cast<int>(state->nodes.size());
    r.nodes = nodes;
    r.remote = cluster::remote_nodes(*state, nodes, cluster::installed_rsh_agent());
  }
  return r;
}

// The summary of the complete profile, or of one run's partial dumps merged (what `hpcpat show`
// prints for the same files). Returns the profile's rank count (run.ranks), for the caller to
// compare with the request.
int print_summary(const std::vector<fs::path> &paths, std::size_t top) {
  const std::vector<std::string> inputs(paths.begin(), paths.end());
  const profile::ProfileRead read = profile::read_profiles(inputs);
  auto reporter = report::make_summary_reporter(report::SummaryFormat::text);
  std::fputs(reporter->report(read.profile, {top, read.shown_as}).c_str(), stdout);
  std::fflush(stdout);
  return read.profile.run.ranks;
}

bool interposer_disabled() {
  const char *v = std::getenv(contract::kEnvDisable);
  return v != nullptr && *v != '\0' && std::string(v) != "0";
}

// After a run that left no complete profile: what happened, as far as the files and the
// launcher's status tell, and the summary of the partial dumps merged.
void report_missing_profile(const run::RunResult &r, const std::string &launcher, std::size_t top) {
  const launch::ProcessResult &p = r.process;
  if (r.partials.empty()) {
    std::string why;
    if (p.stopped_by) {
      why = "the run was stopped before any rank wrote one (no rank had reached MPI_Init?)";
    } else if (p.signal) {
      why = "the launcher " + launcher + " was killed by signal " + std::to_string(*p.signal) +
            " and its ranks ended without writing a partial profile";
    } else if (interposer_disabled()) {
      why = std::string(contract::kEnvDisable) + " is set: the interposer stepped aside";
    } else if (!p.ok()) {
      why = "the launcher " + launcher +
            " failed, or the program ended before MPI_Init (see the messages above)";
    } else {
      why = "the ranks did not reach MPI_Init with libhpcpat-pmpi loaded: not an MPI program, or "
            "one linked statically?";
    }
    std::fprintf(stderr, "hpcpat: no profile was written to %s: %s\n", r.profile.c_str(),
                 why.c_str());
    return;
  }
  std::fprintf(stderr, "hpcpat: the run ended early; %zu partial per-rank profile(s):\n",
               r.partials.size());
  for (const fs::path &f : r.partials) std::fprintf(stderr, "  %s\n", f.c_str());
  print_summary(r.partials, top);
}

// How the run ended, in one line, when it did not end well.
void report_ending(const run::RunResult &r, const std::string &launcher) {
  const launch::ProcessResult &p = r.process;
  const char *where = r.profile_written ? "" : " before MPI_Finalize";
  if (p.stopped_by) {
    std::fprintf(stderr,
                 "hpcpat: stopped by signal %d (%s): passed on to the ranks, then to %s\n",
                 *p.stopped_by, strsignal(*p.stopped_by), launcher.c_str());
  } else if (p.signal) {
    std::fprintf(stderr, "hpcpat: %s was killed by signal %d (%s)%s\n", launcher.c_str(),
                 *p.signal, strsignal(*p.signal), where);
  } else if (p.exit_code != 0) {
    std::fprintf(stderr, "hpcpat: the application failed: %s exited with status %d%s\n",
                 launcher.c_str(), p.exit_code, where);
  }
  if (p.leftovers > 0) {
    std::fprintf(stderr, "hpcpat: %d process(es) of the job outlived %s and were stopped\n",
                 p.leftovers, launcher.c_str());
  }
}

// README "Exit status": 0 a complete profile of a run that succeeded; the application's own
// status (as the launcher passes it on) when it failed; 128 + N when signal N stopped the run or
// ended the launcher; 1 when a run that succeeded left no complete profile.
int exit_status(const run::RunResult &r) {
  const launch::ProcessResult &p = r.process;
  if (p.stopped_by) return 128 + *p.stopped_by;
  if (!p.ok()) return p.status_code();
  return r.profile_written ? kExitOk : kExitRunFailed;
}

int run_profile(const ProfileOptions &o) {
  // Everything the user typed is checked before anything is searched for or started.
  const run::PreparedRun prepared = run::prepare_run(run_request(o));
  const std::vector<std::string> &argv = prepared.command.argv;

  for (const std::string &note : prepared.notes) std::fprintf(stderr, "hpcpat: %s\n", note.c_str());
  std::fprintf(stderr, "hpcpat: %s\n", display_command(argv).c_str());
  std::fflush(stderr);
  const run::RunResult result = run::execute_run(prepared);
  std::fflush(stdout);

  int status = exit_status(result);
  try {
    if (result.profile_written) {
      // N singletons (a launcher of another flavour) each write a 1-rank profile to one path.
      if (const int got = print_summary({result.profile}, o.top); got != o.ranks) {
        std::fprintf(stderr,
                     "hpcpat: the profile %s has %d rank(s) but -n %d was requested: the ranks "
                     "did not start as one MPI job (launcher and program of different MPI "
                     "flavours?)\n",
                     result.profile.c_str(), got, o.ranks);
        status = kExitRunFailed;
      }
    } else {
      report_missing_profile(result, argv.front(), o.top);
    }
  } catch (const InputError &e) {
    // A profile that does not read is bad input to the reader; a failed run keeps its status.
    std::fprintf(stderr, "hpcpat: %s\n", e.what());
    if (status == kExitOk) status = kExitBadInput;
  }
  report_ending(result, argv.front());
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
  sub->add_option("--launcher", o->launcher,
                  "Launcher to start the ranks with; auto: flux inside a Flux instance "
                  "(FLUX_URI), srun inside a Slurm allocation (SLURM_JOB_ID), else mpirun")
      ->check(CLI::IsMember({"mpirun", "flux", "srun", "auto"}))
      ->capture_default_str();
  sub->add_option(
         "--mpi", o->mpi,
         "MPI flavour of the launcher (default: " + build_config().mpi_flavour + ", as built)")
      ->check(CLI::IsMember({"openmpi", "mpich"}));
  sub->add_option("--mpirun", o->mpirun, "Path of the mpirun/mpiexec to use");
  sub->add_option("-o,--output", o->output,
                  "Profile JSON to write, a new file (default: hpcpat-<program>-<run id>.json "
                  "here); checked before the launch");
  sub->add_flag("--force", o->force,
                "Replace the -o file when it exists (a regular file only; never the program)");
  sub->add_option("--tag", o->tags, "KEY=VALUE recorded in the profile's run.tags (repeatable)")
      ->allow_extra_args(false);
  sub->add_flag("--cluster", o->cluster,
                std::string("Run on the emulated nodes of 'hpcpat cluster up' (its state file: ") +
                    contract::kEnvClusterState + "), through their rsh agent");
  sub->add_option("-N,--nodes", o->nodes,
                  "With --cluster: the first N nodes (default: all), ranks spread evenly")
      ->check(CLI::Range(1, 64));
  sub->add_option("--top", o->top, "Rows of the call table (0: all)")
      ->check(integer_at_least(0))
      ->capture_default_str();
  sub->add_option("command", o->command, "The MPI program and its arguments, after '--'")
      ->required();
  return {sub, [o]() { return run_profile(*o); }};
}

}  // namespace hpcpat::cli
