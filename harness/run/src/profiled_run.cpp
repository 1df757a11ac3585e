#include "hpcpat/run/profiled_run.hpp"

#include <chrono>
#include <cstdlib>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/output_target.hpp"
#include "hpcpat/base/run_id.hpp"
#include "hpcpat/contract.h"
#include "hpcpat/launch/pmpi_library.hpp"
#include "hpcpat/launch/process.hpp"
#include "hpcpat/run/profile_files.hpp"
#include "flavour_check.hpp"
#include "launcher_choice.hpp"

namespace hpcpat::run {
namespace {
namespace fs = std::filesystem;

// The run id: the user's HPCPAT_RUN_ID when set (the ranks inherit it), else a fresh one that
// hpcpat passes on, so that the default name checked here is the one the interposer writes.
std::string run_id_for(bool &generated) {
  const char *env = std::getenv(contract::kEnvRunId);
  generated = env == nullptr || *env == '\0';
  if (generated) return base::fresh_run_id();
  if (!contract::valid_run_id(env)) {
    throw InputError(std::string(contract::kEnvRunId) + "='" + env +
                     "': expected 1-128 characters from [A-Za-z0-9._-] (it becomes part of the "
                     "profile's file name)");
  }
  return env;
}

// The profile path, checked before anything starts (base::output_target_problem, the rules the
// interposer applies to HPCPAT_OUTPUT): the request's, else a fresh default name here.
fs::path output_path(const RunRequest &r, const std::string &run_id) {
  std::error_code ec;
  const bool given = !r.output.empty();
  fs::path out = given ? fs::absolute(r.output, ec).lexically_normal()
                       : default_profile_path(r.program.front(), run_id, fs::current_path(ec));
  if (!r.check_output) return out;
  base::OutputRules rules;
  rules.replace_existing = given && r.overwrite;
  rules.name_extra = base::partial_name_extra(r.ranks);
  if (auto program = launch::find_executable(r.program.front())) rules.protected_file = *program;
  rules.replace_hint = "pass --force to replace it";
  // fs::absolute drops a trailing '/', which says "a directory".
  std::string checked = out.string();
  if (given && r.output.back() == '/') checked += '/';
  if (const std::string problem = base::output_target_problem(checked, rules); !problem.empty()) {
    throw InputError(given ? "-o '" + r.output + "': " + problem
                           : "the default profile path '" + out.string() + "': " + problem +
                                 " (or choose another with -o PATH)");
  }
  return out;
}

// What the ranks (never the launcher) get: the interposer preloaded, and the contract's
// variables that tell it where to write and what to record.
fs::path interposer_path(const RunRequest &r) {
  const Installation &inst = r.installation;
  launch::PmpiLibrarySearch search;
  if (const char *env = std::getenv(contract::kEnvPmpiLib)) search.env_value = env;
  search.executable = launch::current_executable();
  search.bin_to_lib = inst.bin_to_lib;
  if (!inst.pmpi_build_path.empty()) search.build_tree = inst.pmpi_build_path;
  return launch::locate_pmpi_library(search);
}

std::vector<launch::EnvVar> rank_environment(const RunRequest &r, const fs::path &interposer,
                                             const PreparedRun &prepared, bool pass_run_id,
                                             const std::string &tags) {
  const Installation &inst = r.installation;
  std::string preload = interposer.string();
  // A sanitized interposer needs its sanitizer runtime loaded first in an unsanitized program.
  if (!inst.sanitizer_runtime.empty()) preload = inst.sanitizer_runtime + ":" + preload;

  std::vector<launch::EnvVar> env = {{"LD_PRELOAD", preload},
                                     {contract::kEnvOutput, prepared.profile.string()},
                                     {contract::kEnvLauncher, prepared.launcher}};
  if (pass_run_id) env.push_back({contract::kEnvRunId, prepared.run_id});
  // Always said: hpcpat checked that the file is new, and a run that took the name meanwhile
  // keeps its profile unless --force.
  env.push_back({contract::kEnvOverwrite, r.overwrite ? "1" : "0"});
  if (!tags.empty()) env.push_back({contract::kEnvTags, tags});
  env.insert(env.end(), r.extra_env.begin(), r.extra_env.end());
  return env;
}

}  // namespace

PreparedRun prepare_run(const RunRequest &request) {
  const std::string tags = tags_env_value(request.tags);
  const auto launcher = choose_launcher(request);
  PreparedRun prepared;
  prepared.launcher = launcher->name();
  prepared.stdout_path = request.stdout_path;
  prepared.stderr_path = request.stderr_path;
  prepared.timeout_s = request.timeout_s;
  bool generated_id = false;
  prepared.run_id = run_id_for(generated_id);
  prepared.profile = output_path(request, prepared.run_id);
  const fs::path interposer = interposer_path(request);
  prepared.notes = check_mpi_flavours(request, chosen_flavour(request), interposer);
  // The program is resolved once, here, and the ranks run exactly that file: a bare name would be
  // looked up again in the ranks' PATH, which the launcher may have changed (issue 11, defect 2).
  std::vector<std::string> program = request.program;
  if (auto found = launch::find_executable(program.front())) {
    program.front() = fs::absolute(*found).lexically_normal().string();
  }
  prepared.rank_env = rank_environment(request, interposer, prepared, generated_id, tags);
  launch::LaunchRequest launch{request.ranks, request.nodes, program, prepared.rank_env,
                               request.remote, request.launcher_flags};
  prepared.command = launcher->command(launch);
  return prepared;
}

RunResult execute_run(const PreparedRun &prepared) {
  RunResult result;
  result.profile = prepared.profile;
  // The interposer renames a new file into place: a changed identity means this run wrote it,
  // not an earlier one with the same name.
  const FileStamp before = stamp_file(prepared.profile);
  const auto start = std::chrono::steady_clock::now();
  // The ranks are the processes that carry the profile path the launcher gave them only.
  launch::ProcessOptions options;
  options.rank_marker = std::string(contract::kEnvOutput) + "=" + prepared.profile.string();
  options.stdout_path = prepared.stdout_path;
  options.stderr_path = prepared.stderr_path;
  options.timeout_s = prepared.timeout_s;
  result.process = launch::run_process(prepared.command.argv, prepared.command.launcher_env, options);
  result.timed_out = result.process.timed_out;
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const FileStamp after = stamp_file(prepared.profile);
  result.profile_written = after.exists && !(after == before);
  if (!result.profile_written) result.partials = partial_profiles(prepared.profile);
  return result;
}

}  // namespace hpcpat::run
