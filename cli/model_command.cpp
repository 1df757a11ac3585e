// hpcpat model STUDY... [--results DIR] [--case C] [--predict K=V,...] [--target-seconds T
// [--nodes N] [--size S]] [--json]: duration models of each case (analysis/models,
// docs/models.md), a prediction, or the duration knob value for a target time. Exit 0, or 2 for
// bad input, a query outside the measured range, or a case that cannot be modelled.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exit_codes.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/models/duration_model.hpp"
#include "hpcpat/models/models_json.hpp"
#include "models_view.hpp"
#include "results_dir.hpp"
#include "subcommands.hpp"

namespace hpcpat::cli {
namespace {

struct ModelFlags : StudySelection {
  std::string predict;
  std::optional<double> target_s, nodes, size;
  bool json = false;
};

double parse_value(const std::string &flag, const std::string &key, const std::string &text) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception &) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !(v > 0))
    throw InputError(flag + ": " + key + "='" + text + "': expected a positive number");
  return v;
}

// "iters=500,nodes=4" against the model's variable names (its knobs and "nodes").
models::ModelQuery parse_predict(const std::string &text, const models::DurationModel &m) {
  models::ModelQuery q;
  const std::string size_name = m.size.name.empty() ? "size" : m.size.name;
  const std::string expected = m.duration.name + ", " + size_name + " or nodes";
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos)
      throw InputError("--predict: '" + item + "': expected NAME=VALUE with NAME one of " +
                       expected);
    const std::string key = item.substr(0, eq);
    const double v = parse_value("--predict", key, item.substr(eq + 1));
    if (key == m.duration.name)
      q.duration = v;
    else if (key == size_name)
      q.size = v;
    else if (key == "nodes")
      q.nodes = v;
    else
      throw InputError("--predict: unknown variable '" + key + "'; expected " + expected);
    start = comma + 1;
  }
  return q;
}

// The one model a query is about: --case must leave exactly one.
const models::DurationModel &the_model(const models::ModelReport &r, const ModelFlags &f) {
  if (r.models.size() == 1) return r.models.front();
  std::string known;
  for (const models::DurationModel &m : r.models) known += "\n  " + m.key;
  for (const models::UnfittedCase &u : r.unfitted) {
    if (!f.case_name.empty() && r.models.empty())
      throw InputError("case '" + u.case_name + "' cannot be modelled: " + u.reason);
  }
  if (r.models.empty())
    throw InputError("study '" + studies_label(f.studies) + "': no case could be modelled");
  throw InputError("--predict/--target-seconds need one model; give --case (the study has " +
                   std::to_string(r.models.size()) + " in this selection:" + known + ")");
}

int run_model(const ModelFlags &f) {
  const std::vector<runs::RunSample> samples =
      load_analysis_runs(f.results, f.studies, f.case_name);
  const models::ModelReport report = models::fit_duration_models(samples);
  std::optional<models::Prediction> prediction;
  std::optional<models::Inversion> inversion;
  const models::DurationModel *model = nullptr;
  if (!f.predict.empty()) {
    model = &the_model(report, f);
    prediction = models::predict(*model, parse_predict(f.predict, *model));
  }
  if (f.target_s) {
    model = &the_model(report, f);
    inversion =
        models::invert(*model, *f.target_s, models::ModelQuery{std::nullopt, f.size, f.nodes});
  }
  if (f.json) {
    std::puts(models::model_json(report, studies_label(f.studies), prediction, inversion)
                  .dump(2)
                  .c_str());
    return kExitOk;
  }
  std::fputs(render_model_text(report).c_str(), stdout);
  if (prediction) std::fputs(render_prediction_text(*model, *prediction).c_str(), stdout);
  if (inversion) std::fputs(render_inversion_text(*model, *inversion).c_str(), stdout);
  return kExitOk;
}

}  // namespace

Subcommand add_model_command(CLI::App &parent) {
  auto f = std::make_shared<ModelFlags>();
  CLI::App *sub = parent.add_subcommand(
      "model",
      "Duration models per case: wall time against the duration knob, the size knob "
      "and the node count, with fit quality and leave-one-out error (docs/models.md)");
  add_study_selection(*sub, *f);
  sub->add_option("--predict", f->predict,
                  "Predict the wall time at KNOB=V,SIZE=V,nodes=N (the case's knob names)");
  CLI::Option *target = sub->add_option("--target-seconds", f->target_s,
                                        "Find the duration knob value that takes this long");
  sub->add_option("--nodes", f->nodes, "With --target-seconds: at this node count")->needs(target);
  sub->add_option("--size", f->size, "With --target-seconds: at this size knob value")
      ->needs(target);
  sub->add_flag("--json", f->json, "Print JSON (schemas/model.v1.schema.json)");
  return {sub, [f]() { return run_model(*f); }};
}

}  // namespace hpcpat::cli
