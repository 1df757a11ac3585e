#include "outcome.hpp"

#include <string.h>

namespace hpcpat::runner {
namespace {

std::string signal_words(int sig) {
  const char *name = sigabbrev_np(sig);
  return "signal " + std::to_string(sig) + (name != nullptr ? std::string(" (SIG") + name + ")" : "");
}

std::string partials_words(const LaunchFacts &f) {
  if (f.profile_written) return "";
  if (f.partial_profiles == 0) return "; no profile written";
  return "; partial profiles of " + std::to_string(f.partial_profiles) + " of " +
         std::to_string(f.ranks) + " ranks kept";
}

}  // namespace

Outcome classify(const LaunchFacts &f) {
  using store::RunStatus;
  if (!f.launch_error.empty()) return {RunStatus::launch_error, f.launch_error};
  if (f.timed_out) {
    char limit[32];
    std::snprintf(limit, sizeof limit, "%g", f.timeout_s);
    return {RunStatus::timeout, std::string("stopped at its timeout of ") + limit + " s" +
                                    partials_words(f)};
  }
  if (f.signal) {
    return {RunStatus::crashed, "the launcher was killed by " + signal_words(*f.signal) +
                                    partials_words(f)};
  }
  const std::int64_t code = f.exit_code.value_or(0);
  if (f.rank_signal && code != 0) {
    return {RunStatus::crashed, (f.rank_where.empty() ? std::string("a rank") : f.rank_where) +
                                    " was killed by " + signal_words(*f.rank_signal) +
                                    " (exit status " + std::to_string(code) + ")" +
                                    partials_words(f)};
  }
  // Launchers pass a rank's death by signal N on as 128 + N (Open MPI, Hydra, flux job attach).
  if (code > 128 && code < 128 + 65) {
    return {RunStatus::crashed, "a rank was killed by " + signal_words(static_cast<int>(code - 128)) +
                                    " (exit status " + std::to_string(code) + ")" +
                                    partials_words(f)};
  }
  if (code != 0) {
    return {RunStatus::failed, "exit status " + std::to_string(code) +
                                   (f.flux_result.empty() ? "" : ", Flux result " + f.flux_result) +
                                   partials_words(f)};
  }
  if (!f.flux_result.empty() && f.flux_result != "COMPLETED") {
    return {RunStatus::failed, "Flux result " + f.flux_result + partials_words(f)};
  }
  if (!f.profile_written) {
    return {RunStatus::failed, "exit status 0 but no profile written (was it an MPI program, "
                               "dynamically linked?)"};
  }
  return {RunStatus::ok, ""};
}

}  // namespace hpcpat::runner
