#include "study_runs.hpp"

#include <cstdio>
#include <filesystem>
#include <set>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/study/builtin_apps.hpp"
#include "results_dir.hpp"

namespace hpcpat::cli {
namespace {

namespace fs = std::filesystem;

// Whether `dir` holds a study folder (one with study.yaml).
bool has_study(const fs::path &dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (fs::is_regular_file(it->path() / store::kStudySpecFile, ec)) return true;
  }
  return false;
}

runs::RunSample sample_of(const store::Store &s, const store::IndexRow &row) {
  runs::RunSample r;
  r.study = row.study;
  r.run = row.run;
  r.case_name = row.case_name;
  r.app = row.app;
  r.parameters = nlohmann::json::parse(row.parameters, nullptr, false);
  if (!r.parameters.is_object()) r.parameters = nlohmann::json::object();
  if (const study::BuiltinApp *app = study::find_builtin_app(row.app)) {
    r.duration_knob = app->duration_knob;
    r.size_knob = app->size_knob;
  }
  r.nodes = static_cast<int>(row.nodes);
  r.ranks = static_cast<int>(row.ranks);
  r.ranks_per_node = static_cast<int>(row.ranks_per_node);
  r.threads = static_cast<int>(row.threads);
  r.repeat = static_cast<int>(row.repeat);
  r.launcher = row.launcher;
  r.status = row.status;
  r.wall_s = row.wall_s;
  r.mpi_fraction_median = row.mpi_fraction_median;
  r.mpi_fraction_max = row.mpi_fraction_max;
  r.top_call = row.top_call;
  r.fom_name = row.fom_name;
  r.fom_value = row.fom_value;
  r.mpi_library = row.mpi_library;
  r.container = row.container;
  r.hpcpat_version = row.hpcpat_version;
  r.git_sha = row.git_sha;
  r.started_epoch_s = row.started_epoch_s;
  std::error_code ec;
  const fs::path profile = s.run_path(row.study, row.run) / "profile.json";
  if (fs::is_regular_file(profile, ec)) r.profile = profile;
  const fs::path summary = s.run_path(row.study, row.run) / "summary.json";
  if (fs::is_regular_file(summary, ec)) r.summary = summary;
  return r;
}

}  // namespace

store::Store open_results_store(const std::string &results_flag, store::Store::Mode mode) {
  const auto [dir, source] = results_folder(results_flag);
  std::error_code ec;
  const bool had_index = fs::exists(dir / store::kIndexFile, ec);
  if (!fs::is_directory(dir, ec) || (!had_index && !has_study(dir))) {
    throw InputError("no results store at '" + dir.string() + "' (" + source +
                     "); expected the folder hpcpat run writes its studies into");
  }
  store::Store s(dir, mode);
  if (!had_index && mode != store::Store::Mode::rebuild) {
    const store::ReindexReport report = s.reindex();
    for (const std::string &p : report.problems) std::fprintf(stderr, "hpcpat: %s\n", p.c_str());
  }
  return s;
}

std::vector<runs::RunSample> load_study_runs(const store::Store &s, const std::string &study) {
  std::vector<runs::RunSample> samples;
  for (const store::IndexRow &row : s.rows(store::Query{study, ""})) {
    samples.push_back(sample_of(s, row));
  }
  if (samples.empty()) {
    std::set<std::string> studies;
    for (const store::IndexRow &row : s.rows(store::Query{})) studies.insert(row.study);
    std::string known;
    for (const std::string &name : studies) known += (known.empty() ? "" : ", ") + name;
    throw InputError("results store '" + s.dir().string() + "': no complete run of study '" +
                     study + "' (it has: " + (known.empty() ? "no studies" : known) + ")");
  }
  return samples;
}

}  // namespace hpcpat::cli
