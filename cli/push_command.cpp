// hpcpat push [RESULTS] REF [--study S] [--results DIR] [--oras PATH]: a results store, or one
// study of it, pushed to an OCI registry with the oras CLI as one artifact (store/push_plan.hpp).
// The archive is made in a fresh temporary folder and removed afterwards, whatever happened; the
// store is only read. Exit 0 pushed, 1 oras absent or failed (its own words shown), 2 bad input.
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "build_config.hpp"
#include "exit_codes.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/launch/captured_process.hpp"
#include "hpcpat/launch/process.hpp"
#include "hpcpat/store/push_plan.hpp"
#include "results_dir.hpp"
#include "subcommands.hpp"

namespace hpcpat::cli {
namespace {
namespace fs = std::filesystem;

struct PushFlags {
  std::vector<std::string> positional;  // [RESULTS] REF
  std::string results, study, oras = "oras";
};

// A folder of our own under $TMPDIR (or /tmp), removed with everything in it when we are done.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    const char *tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/hpcpat-push.XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("cannot make a temporary folder from '" + pattern + "'");
    }
    path_ = pattern;
  }
  ~TemporaryFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TemporaryFolder(const TemporaryFolder &) = delete;
  TemporaryFolder &operator=(const TemporaryFolder &) = delete;
  const fs::path &path() const { return path_; }

 private:
  fs::path path_;
};

std::string last_words(const launch::CapturedProcess &p) {
  std::string text = p.err.empty() ? p.out : p.err;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text.empty() ? "(it printed nothing)" : text;
}

int run_push(const PushFlags &f) {
  if (f.positional.empty() || f.positional.size() > 2) {
    throw InputError("push: expected [RESULTS] REF, got " + std::to_string(f.positional.size()) +
                     " arguments");
  }
  const std::string ref = f.positional.back();
  if (f.positional.size() == 2 && !f.results.empty()) {
    throw InputError("push: the store is given twice (RESULTS and --results); give one");
  }
  const ResultsFolder folder =
      results_folder(f.positional.size() == 2 ? f.positional[0] : f.results);
  const std::optional<std::string> study =
      f.study.empty() ? std::nullopt : std::optional<std::string>(f.study);
  const auto oras = launch::find_executable(f.oras);
  // Planned first, so that bad input is reported as such even where oras is absent.
  store::PushPlan plan = store::plan_push(folder.dir, study, ref, oras ? oras->string() : f.oras,
                                          build_config().version);
  if (!oras) {
    std::fprintf(stderr,
                 "hpcpat: push: the oras CLI ('%s') is not in PATH: install it "
                 "(https://oras.land) or push from an hpcpat image, which carries it\n",
                 f.oras.c_str());
    return kExitRunFailed;
  }
  TemporaryFolder work;
  const launch::CapturedProcess tar = launch::run_captured(plan.tar_argv, work.path());
  if (!tar.ok()) {
    std::fprintf(stderr, "hpcpat: push: cannot archive %s: %s\n", folder.dir.c_str(),
                 last_words(tar).c_str());
    return kExitRunFailed;
  }
  const std::uintmax_t bytes = fs::file_size(work.path() / plan.archive_name);
  const launch::CapturedProcess pushed = launch::run_captured(plan.oras_argv, work.path());
  if (!pushed.ok()) {
    std::fprintf(stderr, "hpcpat: push: oras push %s failed (%s): %s\n", ref.c_str(),
                 pushed.signal ? ("signal " + std::to_string(*pushed.signal)).c_str()
                               : ("exit " + std::to_string(pushed.exit_code)).c_str(),
                 last_words(pushed).c_str());
    return kExitRunFailed;
  }
  std::fputs(pushed.out.c_str(), stdout);
  std::printf("pushed %s (%s, %ju bytes compressed) to %s\n",
              study ? ("study " + *study).c_str() : folder.dir.c_str(), plan.archive_name.c_str(),
              bytes, ref.c_str());
  return kExitOk;
}

}  // namespace

Subcommand add_push_command(CLI::App &parent) {
  auto f = std::make_shared<PushFlags>();
  CLI::App *cmd = parent.add_subcommand(
      "push", "Push a results store, or one study of it, to an OCI registry with oras");
  cmd->add_option("args", f->positional,
                  "[RESULTS] REF: the store (or --results) and the reference")
      ->required();
  cmd->add_option("--results", f->results, results_flag_help());
  cmd->add_option("--study", f->study, "Only this study of the store");
  cmd->add_option("--oras", f->oras, "The oras executable (default: oras in PATH)");
  return {cmd, [f] { return run_push(*f); }};
}

}  // namespace hpcpat::cli
