// A study as one self-contained HTML page (`hpcpat report STUDY -o report.html`): the runs, how
// their time and MPI time change with node count, per rank, by message size, who talks to whom,
// the kernels' latency and bandwidth curves, and the analyses' results (patterns, scaling,
// duration models, regressions, an ensemble's validation) when the caller has them. Plots are Vega-Lite specs drawn by the
// pinned Vega libraries inlined into the page, so it opens offline; every spec, with its data, is
// in the page as plain JSON a user can take elsewhere.
//
// Reads the runs' profiles and summaries (analysis/profile); launches nothing, writes nothing.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "hpcpat/runs/run_sample.hpp"

namespace hpcpat::html {

// The page's own script and style, and the plotting libraries, as text.
struct ReportAssets {
  std::string vega, vega_lite, vega_embed;  // the libraries' minified UMD bundles
  std::string script, style;                // report.js, report.css
};

// The build puts them in <build>/share/hpcpat/report (npm ci from analysis/html/web's lock file),
// an install in <prefix>/share/hpcpat/report. Throws InputError naming the missing file.
ReportAssets load_report_assets(const std::filesystem::path &dir);

struct StudyReportInput {
  std::string study;
  std::vector<runs::RunSample> runs;
  std::string generated_by;  // "hpcpat 0.1.0 (git abc123)", printed at the foot
  // The analyses' documents, as their commands print them with --json; null: not shown.
  nlohmann::json scaling;  // hpcpat scaling (schemas/scaling.v1.schema.json)
  nlohmann::json model;    // hpcpat model (schemas/model.v1.schema.json)
  nlohmann::json patterns;  // hpcpat patterns (schemas/patterns.v1.schema.json)
  nlohmann::json compare;   // hpcpat compare BASELINE STUDY (schemas/compare.v1.schema.json)
  // hpcpat synth --validate, for a study that ran an ensemble (schemas/synth-validation.v1.schema.json)
  nlohmann::json validation;
};

struct StudyReport {
  std::string html;
  std::size_t plots = 0;
  std::vector<std::string> notes;  // what could not be shown and why (an unreadable profile)
};

StudyReport render_study_report(const StudyReportInput &input, const ReportAssets &assets);

}  // namespace hpcpat::html
