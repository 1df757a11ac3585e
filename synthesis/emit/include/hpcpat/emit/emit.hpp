// An ensemble plan written as the files that run it. Each emitter is a pure function of the plan;
// write_ensemble() checks the plan (check_plan) and writes them all into a folder.
//
//   jobspecs/<job>.json  Flux jobspec version 1 (RFC 25): node > slot > core, one task per slot,
//                        attributes.system {duration, cwd, environment, job.name} and
//                        attributes.user {ensemble, job, pattern, predicted_s}
//   submit.sh            bash for `flux batch` (or any Flux instance): `flux submit`s every job
//                        with --setattr=user.ensemble/user.job, its arrival as --begin-time and
//                        its phase as afterok dependencies on the previous phase's jobs; waits for
//                        all; keeps each job's output, jobspec, eventlog and `flux jobs --json`
//                        in the results folder; tars it and `oras push`es it when
//                        HPCPAT_ORAS_REF is set; exits with the worst job's status. Every value
//                        is single-quoted: no user string is ever expanded by the shell.
//   ensemble.yaml        ensemble-python: one job group per job (count 1), rules with only the
//                        triggers and actions its Flux member runs: `start` submits phase 1, a
//                        `metric` rule (count.<group>.finished) submits phase p when the job of
//                        phase p-1 predicted to end last has finished, and terminates after the
//                        last phase's; ensemble-python cannot wait for several groups at once, so
//                        with several jobs in a phase this is the predicted order, not a barrier
//                        (submit.sh's dependencies are exact).
//   minicluster.yaml     Flux Operator MiniCluster (flux-framework.org/v1alpha2) running
//                        submit.sh in the image, `size` = the cluster's nodes
//   ensemble-crd.yaml    Ensemble Operator Ensemble (ensemble.flux-framework.org/v1alpha1) with
//                        one member: the MiniCluster and the ensemble.yaml
//   ensemble.swf         the Standard Workload Format (Parallel Workloads Archive, 18 fields)
//   plan.json            every job as planned (schema hpcpat.ensemble-plan.v1)
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "hpcpat/emit/ensemble_plan.hpp"

namespace hpcpat::emit {

// Throws InputError naming the job and the field: names (unique, safe as file names and
// Kubernetes names), counts (>= 1, nodes <= cluster_nodes), times (finite, >= 0), phases (1..),
// an empty argv.
void check_plan(const EnsemblePlan &plan);

// The words a job runs where only a command line is given (submit.sh, ensemble.yaml): `env K=V...`
// first when it sets an environment (flux submit --env would expand '$'), then its argv.
std::vector<std::string> command_words(const PlannedJob &job);

nlohmann::json flux_jobspec(const EnsemblePlan &plan, const PlannedJob &job);
std::string flux_batch_script(const EnsemblePlan &plan);
std::string ensemble_python_yaml(const EnsemblePlan &plan);
std::string minicluster_yaml(const EnsemblePlan &plan);
std::string ensemble_crd_yaml(const EnsemblePlan &plan);
std::string standard_workload_format(const EnsemblePlan &plan);
nlohmann::json plan_json(const EnsemblePlan &plan);

// Writes every file above into `dir` (created if missing; files already there are never
// replaced: InputError). Returns the paths written, relative to dir.
std::vector<std::string> write_ensemble(const EnsemblePlan &plan, const std::filesystem::path &dir);

}  // namespace hpcpat::emit
