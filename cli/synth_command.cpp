// hpcpat synth [STUDY...] --from RESULTS --target TARGET.yaml -o DIR [--bin-dir D]: an ensemble
// planned from the stored studies' duration models and pattern labels (synthesis/planner) and
// written as the files that run it (synthesis/emit); docs/synthesis.md.
// hpcpat synth --validate DIR [--results R] [--launcher L] [--cluster] [--resume] [--json]: the
// planned jobs run for real and measured against their plan (synth_validate.cpp).
// Exit 0; 1 when a validated job failed or missed its pattern; 2 for bad input or a target the
// measurements cannot reach.
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "build_config.hpp"
#include "exit_codes.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/input_file.hpp"
#include "hpcpat/emit/emit.hpp"
#include "hpcpat/launch/pmpi_library.hpp"
#include "hpcpat/models/duration_model.hpp"
#include "hpcpat/planner/planner.hpp"
#include "hpcpat/study/study_spec.hpp"
#include "hpcpat/target/target_spec.hpp"
#include "results_dir.hpp"
#include "study_runs.hpp"
#include "subcommands.hpp"
#include "synth_study.hpp"
#include "synth_validate.hpp"

namespace hpcpat::cli {
namespace {

struct SynthFlags {
  std::vector<std::string> studies;
  std::string from, target, out, bin_dir;
  ValidateFlags validate;
};

// Every study of the store but the validation studies of `hpcpat synth --validate`.
std::vector<std::string> all_studies(const store::Store &store) {
  std::set<std::string> names;
  for (const store::IndexRow &row : store.rows(store::Query{})) names.insert(row.study);
  std::erase_if(names, [&](const std::string &study) {
    const std::filesystem::path spec = store.dir() / study / store::kStudySpecFile;
    return is_validation_study(InputFile(spec, study::kMaxSpecBytes).read_all(), spec.string());
  });
  if (names.empty()) throw InputError("--from: the results store has no studies to plan from");
  return {names.begin(), names.end()};
}

std::string job_line(const emit::PlannedJob &j) {
  std::string knobs;
  for (const auto &[name, value] : j.parameters.items())
    knobs += (knobs.empty() ? "" : " ") + name + "=" +
             (value.is_string() ? value.get<std::string>() : value.dump());
  char line[512];
  std::snprintf(line, sizeof line, "%-24s %5d %8.1f  %-20s %-9s %2d x %-3d %7.2f ± %-6.2f %s",
                j.name.c_str(), j.phase, j.submit_s, j.pattern.c_str(), j.app.c_str(), j.nodes,
                j.tasks_per_node, j.predicted_s, j.uncertainty_s, knobs.c_str());
  return line;
}

int synthesise(const SynthFlags &f) {
  if (f.target.empty()) throw InputError("--target: expected the target spec (YAML) to plan");
  if (f.out.empty()) throw InputError("-o: expected the folder to write the ensemble into");
  const target::TargetSpec spec = target::load_target(f.target);
  const store::Store store = open_results_store(f.from, store::Store::Mode::existing);
  const std::vector<std::string> studies = f.studies.empty() ? all_studies(store) : f.studies;
  std::vector<runs::RunSample> samples;
  for (const std::string &study : std::set<std::string>(studies.begin(), studies.end())) {
    std::vector<runs::RunSample> more = load_study_runs(store, study);
    samples.insert(samples.end(), more.begin(), more.end());
  }
  const models::ModelReport models = models::fit_duration_models(samples);
  const std::vector<planner::RunLabels> labels = run_labels(samples);
  const std::vector<planner::Candidate> candidates = planner::candidates(models, samples, labels);

  const std::filesystem::path bin_dir =
      f.bin_dir.empty() ? launch::current_executable().parent_path()
                        : std::filesystem::path(f.bin_dir);
  planner::PlanInputs in;
  in.spec = &spec;
  in.candidates = candidates;
  for (const models::UnfittedCase &u : models.unfitted) in.unfitted.push_back(u.case_name + ": " + u.reason);
  in.argv_of = [&](const emit::PlannedJob &job) { return job_argv(job, bin_dir); };
  in.generated_by = "hpcpat " + build_config().version + " (" + build_config().git_sha + ")";
  const emit::EnsemblePlan plan = planner::plan_ensemble(in);
  const std::vector<std::string> written = emit::write_ensemble(plan, f.out);

  std::printf("%-24s %5s %8s  %-20s %-9s %-7s %16s %s\n", "job", "phase", "arrive_s", "pattern",
              "app", "nodes", "predicted_s", "parameters");
  for (const emit::PlannedJob &j : plan.jobs) std::printf("%s\n", job_line(j).c_str());
  std::printf("%zu jobs, %zu files in %s (plan.json has every job's prediction and its runs)\n",
              plan.jobs.size(), written.size(), f.out.c_str());
  if (spec.image.empty())
    std::fprintf(stderr, "hpcpat: note: %s gives no image: minicluster.yaml and ensemble-crd.yaml "
                 "name none, so the Flux Operator runs its default image, which has no hpcpat "
                 "apps; set `image:` to run them in Kubernetes\n", f.target.c_str());
  return kExitOk;
}

}  // namespace

Subcommand add_synth_command(CLI::App &parent) {
  auto f = std::make_shared<SynthFlags>();
  CLI::App *sub = parent.add_subcommand(
      "synth",
      "Plan an ensemble whose jobs have the durations and patterns a target spec asks for, from "
      "measured studies, and write the files that run it; or --validate one by running it "
      "(docs/synthesis.md)");
  sub->add_option("studies", f->studies, "Studies to plan from (default: every study in the store)");
  sub->add_option("--from", f->from, "The results store the studies are in (as --results)");
  sub->add_option("--target", f->target, "The target spec (YAML, schemas/synth.v1.schema.json)");
  sub->add_option("-o,--output", f->out, "The folder to write the ensemble into (files there are "
                                         "never replaced)");
  sub->add_option("--bin-dir", f->bin_dir,
                  "Where the apps are where the ensemble runs (default: this hpcpat's bin/)");
  add_validate_options(*sub, f->validate);
  return {sub, [f]() {
            if (!f->validate.dir.empty()) {
              if (!f->target.empty() || !f->out.empty())
                throw InputError("--validate: runs a planned ensemble; --target and -o plan one "
                                 "(give one or the other)");
              return validate_ensemble(f->validate);
            }
            return synthesise(*f);
          }};
}

}  // namespace hpcpat::cli
