// An ensemble's jobs as a study (harness/study), the one place that turns a job's app and
// parameters into the words it runs: `hpcpat synth` takes each job's argv from it, and
// `hpcpat synth --validate` runs the whole plan as that study. One case per job, named as the job,
// at the job's node count and ranks per node, with its parameters as the planner set them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "hpcpat/emit/ensemble_plan.hpp"

namespace hpcpat::cli {

// The study spec (YAML text, as `hpcpat run` reads it) of `jobs`, named `study`, run with
// `launcher` ("auto", "mpirun", "flux", "srun") once each. InputError when the jobs do not fit one
// study (threads per rank differing) or a job's app or parameter is not a built-in app's.
std::string ensemble_study_yaml(const std::string &study, const std::vector<emit::PlannedJob> &jobs,
                                const std::string &launcher);

// The tag every run of a validation study carries (`hpcpat.synth=validation`): such studies
// measure one plan's jobs once each, nothing a model can be fitted from, so `hpcpat synth` leaves
// them out when it plans from every study of a store.
inline constexpr const char *kValidationTagKey = "hpcpat.synth";
inline constexpr const char *kValidationTagValue = "validation";
// Whether a study spec (as the store keeps it) is one of those.
bool is_validation_study(const std::string &spec_text, const std::string &file);

// The words `job` runs: its built-in app's executable under `bin_dir`, then its flags.
std::vector<std::string> job_argv(const emit::PlannedJob &job, const std::filesystem::path &bin_dir);

// The plan as plan.json has it (emit's plan_json), read back for --validate: InputError naming
// the file and field when it is not one.
emit::EnsemblePlan read_plan_json(const std::filesystem::path &file);
// The same from its text (`source` names it in messages).
emit::EnsemblePlan parse_plan_json(const std::string &text, const std::string &source);
// plan.json of the ensemble cap (100 000 jobs) stays well under this.
inline constexpr std::uint64_t kMaxPlanBytes = std::uint64_t{256} << 20;

}  // namespace hpcpat::cli
