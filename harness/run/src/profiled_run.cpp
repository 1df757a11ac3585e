#include "hpcpat/run/profiled_run.hpp"

#include <chrono>
#include <cstdlib>

#include "hpcpat/launch/process.hpp"

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/contract.h"
#include "hpcpat/launch/pmpi_library.hpp"
#include "hpcpat/run/profile_files.hpp"
#include "launcher_choice.hpp"

namespace hpcpat::run {
namespace {
namespace fs = std::filesystem;

// The profile path: the request's (its directory must exist), else a fresh default name here.
fs::path output_path(const RunRequest &r) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (r.output.empty()) {
    return default_profile_path(r.program.front(), std::chrono::system_clock::now(), cwd);
  }
  fs::path out = fs::absolute(r.output, ec).lexically_normal();
  if (!fs::is_directory(out.parent_path(), ec)) {
    throw InputError("-o '" + r.output + "': directory '" + out.parent_path().string() +
                     "' does not exist; expected a file path in an existing directory");
  }
  if (fs::is_directory(out, ec)) {
    throw InputError("-o '" + r.output + "': is a directory; expected a file path");
  }
  return out;
}

// What the ranks (never the launcher) get: the interposer preloaded, and the contract's
// variables that tell it where to write and what to record.
std::vector<launch::EnvVar> rank_environment(const RunRequest &r, const fs::path &profile,
                                             const std::string &tags) {
  const Installation &inst = r.installation;
  launch::PmpiLibrarySearch search;
  if (const char *env = std::getenv(contract::kEnvPmpiLib)) search.env_value = env;
  search.executable = launch::current_executable();
  search.bin_to_lib = inst.bin_to_lib;
  if (!inst.pmpi_build_path.empty()) search.build_tree = inst.pmpi_build_path;
  std::string preload = launch::locate_pmpi_library(search).string();
  // A sanitized interposer needs its sanitizer runtime loaded first in an unsanitized program.
  if (!inst.sanitizer_runtime.empty()) preload = inst.sanitizer_runtime + ":" + preload;

  std::vector<launch::EnvVar> env = {{"LD_PRELOAD", preload},
                                     {contract::kEnvOutput, profile.string()},
                                     {contract::kEnvLauncher, r.launcher}};
  if (!tags.empty()) env.push_back({contract::kEnvTags, tags});
  env.insert(env.end(), r.extra_env.begin(), r.extra_env.end());
  return env;
}

}  // namespace

PreparedRun prepare_run(const RunRequest &request) {
  const std::string tags = tags_env_value(request.tags);
  const auto launcher = choose_launcher(request);
  PreparedRun prepared;
  prepared.profile = output_path(request);
  // The program is resolved once, here, and the ranks run exactly that file: a bare name would be
  // looked up again in the ranks' PATH, which the launcher may have changed (issue 11, defect 2).
  std::vector<std::string> program = request.program;
  if (auto found = launch::find_executable(program.front())) {
    program.front() = fs::absolute(*found).lexically_normal().string();
  }
  launch::LaunchRequest launch{request.ranks, request.nodes, program,
                               rank_environment(request, prepared.profile, tags)};
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
  const std::string rank_marker = std::string(contract::kEnvOutput) + "=" + prepared.profile.string();
  result.process =
      launch::run_process(prepared.command.argv, prepared.command.launcher_env, rank_marker);
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const FileStamp after = stamp_file(prepared.profile);
  result.profile_written = after.exists && !(after == before);
  if (!result.profile_written) result.partials = partial_profiles(prepared.profile);
  return result;
}

}  // namespace hpcpat::run
