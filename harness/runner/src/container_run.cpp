#include "container_run.hpp"

#include <chrono>

#include "hpcpat/launch/container_command.hpp"

namespace hpcpat::runner {
namespace fs = std::filesystem;

std::vector<std::string> container_command(const study::PlannedRun &run, const fs::path &dir,
                                           const std::string &profile,
                                           const std::vector<std::string> &program) {
  // The image's hpcpat, which finds its interposer and built-in apps beside itself (PATH).
  std::vector<std::string> inside = {
      "hpcpat", "profile", "-n", std::to_string(run.ranks), "-o", (dir / profile).string()};
  for (const std::string &tag : run.tags) inside.insert(inside.end(), {"--tag", tag});
  inside.push_back("--");
  inside.insert(inside.end(), program.begin(), program.end());
  launch::ContainerInvocation c;
  c.runtime = run.container->runtime;
  c.image = run.container->image;
  c.options = run.container->options;
  c.workdir = dir;
  for (const auto &[name, value] : run.env) c.env.push_back({name, value});
  c.command = std::move(inside);
  return launch::container_argv(c);
}

ContainerResult run_container(const std::vector<std::string> &argv, const fs::path &dir,
                              double timeout_s) {
  launch::ProcessOptions options;
  options.stdout_path = dir / "stdout";
  options.stderr_path = dir / "stderr";
  options.timeout_s = timeout_s;
  const auto t0 = std::chrono::steady_clock::now();
  ContainerResult r;
  r.process = launch::run_process(argv, {}, options);
  r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace hpcpat::runner
