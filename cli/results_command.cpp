// hpcpat results list|show|export|reindex [--results DIR] [--study S] [--app A] [--json|--csv]:
// queries the results store of studies (harness/store). `list` has one row per run, interrupted
// runs (folders without record.json) included; `show` one run in full (--csv: its index row);
// `export` every column of the index rows, or with --caliper DIR each run's profile in Caliper's
// json-split format for Hatchet/Thicket; `reindex` rebuilds the index from the run folders. The store is --results, else
// $HPCPAT_RESULTS, else ./hpcpat-results (include/hpcpat/settings.def).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exit_codes.hpp"
#include "hpcpat/base/atomic_file.hpp"
#include "hpcpat/base/display_command.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/text_file.hpp"
#include "hpcpat/contract.h"
#include "hpcpat/profile/profile_inputs.hpp"
#include "hpcpat/report/caliper_split.hpp"
#include "hpcpat/store/store.hpp"
#include "results_dir.hpp"
#include "results_view.hpp"
#include "study_runs.hpp"
#include "subcommands.hpp"

namespace hpcpat::cli {
namespace {

namespace fs = std::filesystem;

struct ResultsOptions {
  std::string results, study, app, run;
  std::string caliper_dir;  // export --caliper DIR
  bool json = false, csv = false;
};

store::Store open_store(const ResultsOptions &o, store::Store::Mode mode) {
  return open_results_store(o.results, mode);
}

int print_table(const TextTable &table, const ResultsOptions &o, const store::Store &s) {
  if (o.json) {
    std::fputs(render_json(table).c_str(), stdout);
  } else if (o.csv) {
    std::fputs(render_csv(table).c_str(), stdout);
  } else if (table.rows.empty()) {
    std::fprintf(stderr, "hpcpat: no runs in '%s'\n", s.dir().c_str());
  } else {
    std::fputs(render_text(table).c_str(), stdout);
  }
  return kExitOk;
}

int list_runs(const ResultsOptions &o) {
  const store::Store s = open_store(o, store::Store::Mode::existing);
  const store::Query query{o.study, o.app};
  TextTable table;
  table.header = {"study", "run", "case", "nodes", "ranks", "repeat", "status", "wall_s",
                  o.json || o.csv ? "mpi_fraction_median" : "mpi%_med",
                  o.json || o.csv ? "mpi_fraction_max" : "mpi%_max", "top_call",
                  "labels"};  // hpcpat patterns STUDY's, "" until classified
  const bool raw = o.json || o.csv;  // fractions as stored; the text table shows percents
  for (const store::IndexRow &r : s.rows(query)) {
    const auto fraction = [raw](const std::optional<double> &f) -> store::Cell {
      if (!f) return {};
      return raw ? *f : std::round(*f * 1000.0) / 10.0;  // percent, one decimal
    };
    // Seconds to the millisecond in the text table (the store keeps the clock's resolution).
    const store::Cell wall = raw ? store::Cell{r.wall_s} : store::Cell{std::round(r.wall_s * 1e3) / 1e3};
    table.rows.push_back({r.study, r.run, r.case_name, r.nodes, r.ranks, r.repeat, r.status,
                          wall, fraction(r.mpi_fraction_median), fraction(r.mpi_fraction_max),
                          r.top_call, r.labels});
  }
  for (const store::InterruptedRun &r : s.interrupted(query)) {
    table.rows.push_back({r.study, r.run, {}, {}, {}, {}, std::string("interrupted"), {}, {}, {},
                          {}, {}});
  }
  return print_table(table, o, s);
}

// One file per run with a profile, <study>.<run>.json in Caliper's json-split format with the
// run's record as metadata, so that Thicket loads the study (from_caliperreader on the folder's
// files) with its cases and parameters as columns. Existing files are never replaced.
int export_caliper(const ResultsOptions &o) {
  const store::Store s = open_store(o, store::Store::Mode::existing);
  const fs::path dir = fs::absolute(o.caliper_dir).lexically_normal();
  std::error_code ec;
  fs::create_directory(dir, ec);
  if (!fs::is_directory(dir, ec)) {
    throw InputError("--caliper '" + printable(o.caliper_dir) +
                     "': expected a folder to write into (or a new one in an existing folder)");
  }
  std::size_t written = 0, skipped = 0;
  for (const store::IndexRow &r : s.rows({o.study, o.app})) {
    const fs::path profile = s.run_path(r.study, r.run) / "profile.json";
    if (!fs::is_regular_file(profile, ec)) {
      ++skipped;
      continue;
    }
    nlohmann::json meta = {{"study", r.study},   {"run", r.run},         {"case", r.case_name},
                           {"numhosts", r.nodes}, {"repeat", r.repeat},   {"status", r.status},
                           {"wall_s", r.wall_s}, {"launcher", r.launcher}};
    const nlohmann::json parameters = nlohmann::json::parse(r.parameters, nullptr, false);
    if (parameters.is_object()) {
      for (const auto &[name, value] : parameters.items()) meta["param." + name] = value;
    }
    if (r.fom_value) meta["fom." + r.fom_name] = *r.fom_value;
    const profile::ProfileRead read = profile::read_profiles({profile.string()});
    const fs::path out = dir / (r.study + "." + r.run + ".json");
    const std::string error = base::write_file_atomically(
        out.string(), report::caliper_split(read.profile, meta).dump() + "\n",
        base::Durability::crash_safe, base::Replace::never);
    if (!error.empty()) throw InputError(error + " (files already there are never replaced)");
    ++written;
  }
  std::printf("%s: %zu Caliper json-split files written%s\n", dir.c_str(), written,
              skipped ? (", " + std::to_string(skipped) + " runs without a profile").c_str() : "");
  return kExitOk;
}

int export_rows(const ResultsOptions &o) {
  if (!o.caliper_dir.empty()) return export_caliper(o);
  const store::Store s = open_store(o, store::Store::Mode::existing);
  TextTable table;
  table.header.assign(store::kRunColumns.begin(), store::kRunColumns.end());
  for (const store::IndexRow &r : s.rows({o.study, o.app})) table.rows.push_back(row_cells(r));
  ResultsOptions format = o;
  format.csv = !o.json;  // CSV unless --json
  return print_table(table, format, s);
}

int reindex(const ResultsOptions &o) {
  store::Store s = open_store(o, store::Store::Mode::rebuild);
  const store::ReindexReport report = s.reindex();
  for (const std::string &p : report.problems) std::fprintf(stderr, "hpcpat: %s\n", p.c_str());
  std::printf("%s: %zu studies, %zu runs indexed, %zu interrupted, %zu problems\n",
              s.dir().c_str(), report.studies, report.runs, report.interrupted,
              report.problems.size());
  return report.problems.empty() ? kExitOk : kExitRunFailed;
}

// RUN as "STUDY/RUN", or a run name with --study, or a run name found in exactly one study.
std::pair<std::string, std::string> locate_run(const store::Store &s, const ResultsOptions &o) {
  if (const auto slash = o.run.find('/'); slash != std::string::npos) {
    return {o.run.substr(0, slash), o.run.substr(slash + 1)};
  }
  if (!o.study.empty()) return {o.study, o.run};
  std::vector<std::string> studies;
  for (const store::IndexRow &r : s.rows({})) {
    if (r.run == o.run) studies.push_back(r.study);
  }
  for (const store::InterruptedRun &r : s.interrupted({})) {
    if (r.run == o.run) studies.push_back(r.study);
  }
  if (studies.size() == 1) return {studies.front(), o.run};
  std::string names;
  for (const std::string &study : studies) names += (names.empty() ? "" : ", ") + study;
  throw InputError("run '" + printable(o.run) + "': " +
                   (studies.empty() ? "no such run in '" + s.dir().string() + "'"
                                    : "in several studies (" + names + ")") +
                   "; expected STUDY/RUN or --study S with a run of that study");
}

int show_run(const ResultsOptions &o) {
  const store::Store s = open_store(o, store::Store::Mode::existing);
  const auto [study, run] = locate_run(s, o);
  const fs::path dir = s.run_path(study, run);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw InputError("run '" + study + "/" + run + "': no such run folder in '" +
                     s.dir().string() + "'");
  }
  if (!s.is_complete(study, run)) {
    std::printf("%s/%s: interrupted (no %s; hpcpat run --resume redoes it)\n", study.c_str(),
                run.c_str(), std::string(store::kRecordFile).c_str());
    return kExitOk;
  }
  if (o.csv) {  // the run's index row, every column
    TextTable table;
    table.header.assign(store::kRunColumns.begin(), store::kRunColumns.end());
    for (const store::IndexRow &r : s.rows({study, ""})) {
      if (r.run == run) table.rows.push_back(row_cells(r));
    }
    return print_table(table, o, s);
  }
  const std::string record_text = read_text_file(dir / store::kRecordFile);
  const store::RunRecord record =
      store::parse_record(record_text, (dir / store::kRecordFile).string());
  std::string summary;
  if (!record.files.summary.empty() && fs::is_regular_file(dir / record.files.summary, ec)) {
    summary = read_text_file(dir / record.files.summary);
    while (!summary.empty() && summary.back() == '\n') summary.pop_back();
  }
  if (o.json) {
    nlohmann::ordered_json out;
    out["record"] = nlohmann::ordered_json::parse(record_text);
    out["summary"] = summary.empty() ? nlohmann::ordered_json(nullptr)
                                     : nlohmann::ordered_json::parse(summary, nullptr, false);
    std::fputs((out.dump(2) + "\n").c_str(), stdout);
    return kExitOk;
  }
  // The record's own text (every field, as written), then the app's summary line.
  std::fputs(printable(record_text).c_str(), stdout);
  std::printf("%s\n", printable(std::string("argv as a shell line: ") +
                                display_command(record.argv))
                          .c_str());
  if (!summary.empty()) std::printf("summary: %s\n", printable(summary).c_str());
  return kExitOk;
}

}  // namespace

Subcommand add_results_command(CLI::App &parent) {
  auto options = std::make_shared<ResultsOptions>();
  CLI::App *sub = parent.add_subcommand(
      "results", "Query the results store of studies: list, show, export, reindex");
  sub->require_subcommand(1);
  const auto common = [options](CLI::App *cmd) {
    cmd->add_option("--results", options->results, results_flag_help());
    cmd->add_option("--study", options->study, "Only this study");
    cmd->add_option("--app", options->app, "Only runs of this app or case");
    CLI::Option *json = cmd->add_flag("--json", options->json, "Print JSON");
    cmd->add_flag("--csv", options->csv, "Print CSV (RFC 4180)")->excludes(json);
  };
  CLI::App *list = sub->add_subcommand("list", "One row per run, interrupted runs included");
  CLI::App *show = sub->add_subcommand("show", "One run in full: its record and summary");
  CLI::App *exp = sub->add_subcommand("export", "Every column of the index rows (CSV or --json)");
  CLI::App *re = sub->add_subcommand("reindex", "Rebuild the index hpcpat.db from the run folders");
  for (CLI::App *cmd : {list, show, exp, re}) common(cmd);
  exp->add_option("--caliper", options->caliper_dir,
                  "Write each run's profile into this folder as <study>.<run>.json in Caliper's "
                  "json-split format (Hatchet/Thicket's CaliperReader), the run's case, "
                  "parameters and figures as metadata; existing files are never replaced")
      ->excludes("--json")
      ->excludes("--csv");
  show->add_option("run", options->run, "STUDY/RUN, or RUN with --study (or in one study only)")
      ->required();
  return {sub, [=]() {
            if (list->parsed()) return list_runs(*options);
            if (show->parsed()) return show_run(*options);
            if (exp->parsed()) return export_rows(*options);
            return reindex(*options);
          }};
}

}  // namespace hpcpat::cli
