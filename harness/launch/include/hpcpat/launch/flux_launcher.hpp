// Flux: flux run|submit [-N nodes] -n ranks [-c cores] [--exclusive] [-t Ns] [-o cpu-affinity=..]
//       [-o pmi=..] [--setattr=user.K=V ...] --env=NAME=VALUE ... [flags ...] PROGRAM ARGS...
// `flux run` copies the caller's environment into the job; --env adds/overrides for the job only.
// `submit` prints the job's id and returns at once: a study submits, then attaches (`flux job
// attach ID`, which streams the output and ends with the job's status) and keeps the job's
// records (`flux job info ID jobspec|R`, `flux job eventlog ID`, `flux jobs --json ID`).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hpcpat/launch/launcher.hpp"

namespace hpcpat::launch {

struct FluxOptions {
  std::string executable = "flux";
  enum class Mode { run, submit } mode = Mode::run;
  std::optional<int> cores_per_task;   // -c: cores for each rank (threads per rank)
  bool exclusive = false;              // --exclusive: whole nodes
  std::optional<double> time_limit_s;  // -t: Flux ends the job (exception "timeout") past it
  std::string cpu_affinity;            // -o cpu-affinity=...: per-task, off (brokers sharing a
                                       // machine, flux start --test-size); empty: Flux's default
  std::string pmi;                     // -o pmi=...: e.g. pmix for Open MPI 5; empty: default
  // --setattr=user.KEY=VALUE on the job (study, run, case): found again with `flux jobs`.
  std::vector<std::pair<std::string, std::string>> user_attributes;
};

class FluxLauncher final : public Launcher {
 public:
  explicit FluxLauncher(std::string executable = "flux") { options_.executable = std::move(executable); }
  explicit FluxLauncher(FluxOptions options) : options_(std::move(options)) {}

  std::string name() const override { return "flux"; }
  LaunchCommand command(const LaunchRequest &request) const override;

 private:
  FluxOptions options_;
};

// "1.5s": Flux's duration syntax (FSD) for a time in seconds, exact to the millisecond.
std::string flux_duration(double seconds);

}  // namespace hpcpat::launch
