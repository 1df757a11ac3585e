// How a run ended, in the store's terms: a status and its cause in words, from what the launcher
// reported and what the run left. Pure, so that every branch is unit-tested.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "hpcpat/store/run_record.hpp"

namespace hpcpat::runner {

struct LaunchFacts {
  std::optional<std::int64_t> exit_code;  // the launcher's (or flux job attach's)
  std::optional<int> signal;              // the launcher was killed by it
  bool timed_out = false;                 // our timeout or Flux's (`result: TIMEOUT`)
  double timeout_s = 0;
  bool profile_written = false;
  std::size_t partial_profiles = 0;  // per-rank dumps left when no profile was written
  int ranks = 1;
  std::string launch_error;  // the launcher could not be started or refused the job
  std::string flux_result;   // Flux's own verdict (COMPLETED, FAILED, CANCELED, TIMEOUT), if any
  std::optional<int> rank_signal;  // the launcher reported a rank killed by this signal
  std::string rank_where;          // which rank, where the launcher said ("rank 1 on vm")
};

struct Outcome {
  store::RunStatus status = store::RunStatus::ok;
  std::string cause;  // empty when ok
};

Outcome classify(const LaunchFacts &facts);

}  // namespace hpcpat::runner
