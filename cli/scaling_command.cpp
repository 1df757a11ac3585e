// hpcpat scaling STUDY... [--results DIR] [--case C] [--efficiency-threshold X] [--json]: strong
// scaling of each case across node counts (analysis/models, docs/models.md). Exit 0, or 2 for bad
// input (no store, no such study or case, a study without complete runs).
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "exit_codes.hpp"
#include "hpcpat/models/models_json.hpp"
#include "hpcpat/models/scaling.hpp"
#include "models_view.hpp"
#include "results_dir.hpp"
#include "subcommands.hpp"

namespace hpcpat::cli {
namespace {

struct ScalingFlags : StudySelection {
  models::ScalingOptions options;
  bool json = false;
};

int run_scaling(const ScalingFlags &f) {
  const std::vector<runs::RunSample> samples =
      load_analysis_runs(f.results, f.studies, f.case_name);
  const models::ScalingReport report = models::analyse_scaling(samples, f.options);
  if (f.json)
    std::puts(models::scaling_json(report, studies_label(f.studies)).dump(2).c_str());
  else
    std::fputs(render_scaling_text(report).c_str(), stdout);
  return kExitOk;
}

}  // namespace

Subcommand add_scaling_command(CLI::App &parent) {
  auto f = std::make_shared<ScalingFlags>();
  CLI::App *sub = parent.add_subcommand(
      "scaling",
      "Strong scaling per case across node counts: speedup, efficiency, Amdahl's "
      "serial fraction, Karp-Flatt, MPI fraction (docs/models.md)");
  add_study_selection(*sub, *f);
  sub->add_option("--efficiency-threshold", f->options.efficiency_threshold,
                  "Report the first node count whose parallel efficiency falls below this")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  sub->add_flag("--json", f->json, "Print JSON (schemas/scaling.v1.schema.json)");
  return {sub, [f]() { return run_scaling(*f); }};
}

}  // namespace hpcpat::cli
