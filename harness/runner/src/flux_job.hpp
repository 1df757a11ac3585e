// One run as a Flux job: `flux submit` (the prepared command, which prints the job id), then
// `flux job attach ID` (the job's output into the run folder; its exit status is the job's), then
// the job's records beside the profile, in RUN/launcher/: jobspec.json (`flux job info ID
// jobspec`), R.json (`flux job info ID R`), eventlog (`flux job eventlog ID`) and jobs.json (`flux
// jobs --json ID`: t_submit, t_run, t_cleanup, runtime, result, returncode). Flux enforces the
// time limit itself (-t); should attach outlive it by a minute, the job is cancelled.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "hpcpat/launch/process.hpp"
#include "hpcpat/run/run_request.hpp"

namespace hpcpat::runner {

struct FluxJobResult {
  std::string job_id;         // empty when the submit failed
  std::string submit_error;   // why, in words (stderr's last line)
  launch::ProcessResult attach;
  std::string result;         // jobs.json "result": COMPLETED, FAILED, CANCELED, TIMEOUT
  double runtime_s = -1;      // jobs.json "runtime": the job's own run time; -1 when unknown
  std::vector<std::string> records;  // files written under launcher/, relative to the run folder
  std::vector<std::string> notes;    // records that could not be taken
};

// `prepared` must be a Flux command in submit mode; `flux` is the flux executable.
FluxJobResult run_flux_job(const run::PreparedRun &prepared, const std::string &flux,
                           const std::filesystem::path &run_dir, double timeout_s);

}  // namespace hpcpat::runner
