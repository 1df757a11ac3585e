// The report's Vega-Lite specs, one function per plot, each a pure function of its rows (the
// data goes inline, so a spec copied out of the page draws the same plot anywhere).
#pragma once

#include <nlohmann/json.hpp>

namespace hpcpat::html {

nlohmann::json wall_time_plot(const nlohmann::json &rows);      // wall_rows, per case
nlohmann::json wall_time_by_case_plot(const nlohmann::json &rows);  // wall_rows, one chart
nlohmann::json category_plot(const nlohmann::json &rows);       // category_rows
nlohmann::json rank_fraction_plot(const nlohmann::json &rows);  // rank_rows
nlohmann::json size_histogram_plot(const nlohmann::json &rows); // size_rows
nlohmann::json matrix_plot(const nlohmann::json &rows);         // matrix_rows
nlohmann::json kernel_latency_plot(const nlohmann::json &rows); // kernel_rows
nlohmann::json kernel_bandwidth_plot(const nlohmann::json &rows);
nlohmann::json speedup_plot(const nlohmann::json &rows);      // scaling_rows
nlohmann::json efficiency_plot(const nlohmann::json &rows, double threshold);
nlohmann::json amdahl_plot(const nlohmann::json &rows);       // scaling_rows
nlohmann::json model_fit_plot(const nlohmann::json &rows);    // model_rows
nlohmann::json model_residual_plot(const nlohmann::json &rows);
nlohmann::json change_plot(const nlohmann::json &rows);        // compare_rows
nlohmann::json validation_plot(const nlohmann::json &rows);    // validation_rows

}  // namespace hpcpat::html
