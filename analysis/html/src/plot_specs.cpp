#include "plot_specs.hpp"

namespace hpcpat::html {
namespace {

using nlohmann::json;

constexpr int kFacetColumns = 4;
constexpr int kFacetWidth = 220, kFacetHeight = 150;

json data(const json &rows) { return {{"values", rows}}; }

// One small chart per case, four to a row, each with its own x scale (ranks and sizes differ).
json per_case(const json &rows, json inner, bool independent_y = false,
              const char *field = "case") {
  inner["width"] = kFacetWidth;
  inner["height"] = kFacetHeight;
  json resolve = {{"scale", {{"x", "independent"}}}};
  if (independent_y) resolve["scale"]["y"] = "independent";
  return {{"data", data(rows)},
          {"facet", {{"field", field}, {"type", "nominal"}, {"title", nullptr}}},
          {"columns", kFacetColumns},
          {"spec", std::move(inner)},
          {"resolve", std::move(resolve)}};
}

// Node counts 1, 2, 4, ... evenly spaced.
json nodes_log2_axis() {
  return {{"field", "nodes"}, {"type", "quantitative"},
          {"scale", {{"type", "log"}, {"base", 2}}}, {"axis", {{"tickMinStep", 1}}}};
}

json tooltip(std::initializer_list<std::pair<const char *, const char *>> fields) {
  json t = json::array();
  for (const auto &[field, type] : fields) t.push_back({{"field", field}, {"type", type}});
  return t;
}

}  // namespace

json wall_time_plot(const json &rows) {
  const json x = {{"field", "nodes"}, {"type", "ordinal"}, {"title", "nodes"}};
  return per_case(
      rows,
      {{"layer",
        json::array(
            {{{"mark", {{"type", "point"}, {"opacity", 0.6}}},
              {"encoding",
               {{"x", x},
                {"y", {{"field", "wall_s"}, {"type", "quantitative"}, {"title", "wall time (s)"}}},
                {"color", {{"field", "status"}, {"type", "nominal"}}},
                {"tooltip", tooltip({{"run", "nominal"}, {"wall_s", "quantitative"},
                                     {"status", "nominal"}})}}}},
             {{"mark", {{"type", "line"}, {"point", false}}},
              {"encoding",
               {{"x", x},
                {"y", {{"aggregate", "median"}, {"field", "wall_s"}, {"type", "quantitative"}}}}}}})}},
      true);
}

json wall_time_by_case_plot(const json &rows) {
  return {{"data", data(rows)},
          {"width", 640},
          {"layer",
           json::array(
               {{{"mark", {{"type", "bar"}, {"opacity", 0.35}}},
                 {"encoding",
                  {{"x", {{"field", "case"}, {"type", "nominal"}, {"sort", nullptr}}},
                   {"y", {{"aggregate", "median"}, {"field", "wall_s"}, {"type", "quantitative"},
                          {"title", "wall time (s)"}}}}}},
                {{"mark", {{"type", "point"}, {"filled", true}}},
                 {"encoding",
                  {{"x", {{"field", "case"}, {"type", "nominal"}, {"sort", nullptr}}},
                   {"y", {{"field", "wall_s"}, {"type", "quantitative"}}},
                   {"color", {{"field", "status"}, {"type", "nominal"}}},
                   {"tooltip", tooltip({{"run", "nominal"}, {"nodes", "ordinal"},
                                        {"wall_s", "quantitative"}})}}}}})}};
}

json category_plot(const json &rows) {
  return per_case(
      rows,
      {{"mark", "bar"},
       {"encoding",
        {{"x", {{"field", "nodes"}, {"type", "ordinal"}}},
         {"y", {{"aggregate", "median"}, {"field", "fraction"}, {"type", "quantitative"},
                {"stack", "zero"}, {"title", "share of time in MPI (median run)"},
                {"axis", {{"format", ".0%"}}}}},
         {"color", {{"field", "category"}, {"type", "nominal"}}},
         {"tooltip", tooltip({{"category", "nominal"}, {"nodes", "ordinal"}})}}}});
}

json rank_fraction_plot(const json &rows) {
  return per_case(
      rows,
      {{"mark", "bar"},
       {"encoding",
        {{"x", {{"field", "rank"}, {"type", "ordinal"}, {"axis", {{"labelOverlap", true}}}}},
         {"y", {{"field", "mpi_fraction"}, {"type", "quantitative"},
                {"scale", {{"domain", json::array({0, 1})}}},
                {"title", "MPI fraction"}, {"axis", {{"format", ".0%"}}}}},
         {"tooltip", tooltip({{"rank", "ordinal"}, {"host", "nominal"},
                              {"mpi_fraction", "quantitative"}})}}}});
}

json size_histogram_plot(const json &rows) {
  return per_case(
      rows,
      {{"mark", "bar"},
       {"encoding",
        {{"x", {{"field", "sizes"}, {"type", "ordinal"},
                {"sort", {{"field", "bin"}, {"op", "min"}}}, {"title", "message size"}}},
         {"y", {{"aggregate", "sum"}, {"field", "count"}, {"type", "quantitative"},
                {"title", "calls"}}},
         {"color", {{"field", "call"}, {"type", "nominal"}}},
         {"tooltip", tooltip({{"call", "nominal"}, {"sizes", "ordinal"}, {"count", "quantitative"},
                              {"bytes", "quantitative"}})}}}},
      true);
}

json matrix_plot(const json &rows) {
  return per_case(
      rows,
      {{"mark", "rect"},
       {"encoding",
        {{"x", {{"field", "dst"}, {"type", "ordinal"}, {"title", "receiver"}}},
         {"y", {{"field", "src"}, {"type", "ordinal"}, {"title", "sender"}}},
         {"color", {{"field", "bytes"}, {"type", "quantitative"},
                    {"scale", {{"type", "log"}, {"scheme", "blues"}}}}},
         {"tooltip", tooltip({{"src", "ordinal"}, {"dst", "ordinal"}, {"messages", "quantitative"},
                              {"bytes", "quantitative"}})}}}},
      true);
}

json kernel_latency_plot(const json &rows) {
  return {{"data", data(rows)},
          {"width", 460},
          {"height", 280},
          {"mark", {{"type", "line"}, {"point", true}}},
          {"encoding",
           {{"x", {{"field", "size"}, {"type", "quantitative"},
                   {"scale", {{"type", "log"}, {"base", 2}}}, {"title", "message size (B)"}}},
            {"y", {{"field", "time_us"}, {"type", "quantitative"}, {"scale", {{"type", "log"}}},
                   {"title", "time per operation (us)"}}},
            {"color", {{"field", "kernel"}, {"type", "nominal"}}},
            {"detail", {{"field", "run"}, {"type", "nominal"}}},
            {"tooltip", tooltip({{"kernel", "nominal"}, {"ranks", "quantitative"},
                                 {"size", "quantitative"}, {"time_us", "quantitative"}})}}}};
}

json kernel_bandwidth_plot(const json &rows) {
  json spec = kernel_latency_plot(rows);
  spec["transform"] = json::array({{{"filter", "isValid(datum.bandwidth_mb_s)"}}});
  spec["encoding"]["y"] = {{"field", "bandwidth_mb_s"}, {"type", "quantitative"},
                           {"title", "bandwidth (MB/s)"}};
  spec["encoding"]["tooltip"] = tooltip({{"kernel", "nominal"}, {"size", "quantitative"},
                                         {"bandwidth_mb_s", "quantitative"}});
  return spec;
}

json speedup_plot(const json &rows) {
  const json x = nodes_log2_axis();
  return per_case(
      rows,
      {{"layer",
        json::array(
            {{{"mark", {{"type", "line"}, {"strokeDash", json::array({4, 4})}, {"color", "#888"}}},
              {"encoding",
               {{"x", x}, {"y", {{"field", "ideal_speedup"}, {"type", "quantitative"}}}}}},
             {{"mark", {{"type", "line"}, {"point", true}}},
              {"encoding",
               {{"x", x},
                {"y", {{"field", "speedup"}, {"type", "quantitative"},
                       {"title", "speedup (dashed: ideal)"}}},
                {"tooltip", tooltip({{"nodes", "quantitative"}, {"speedup", "quantitative"},
                                     {"efficiency", "quantitative"}})}}}}})}},
      true, "series");
}

json efficiency_plot(const json &rows, double threshold) {
  const json x = nodes_log2_axis();
  return per_case(
      rows,
      {{"layer",
        json::array(
            {{{"mark", {{"type", "line"}, {"point", true}}},
              {"encoding",
               {{"x", x},
                {"y", {{"field", "efficiency"}, {"type", "quantitative"},
                       {"title", "parallel efficiency"}, {"axis", {{"format", ".0%"}}}}},
                {"tooltip", tooltip({{"nodes", "quantitative"}, {"efficiency", "quantitative"}})}}}},
             {{"mark", {{"type", "rule"}, {"strokeDash", json::array({2, 2})}, {"color", "#c00"}}},
              {"encoding", {{"y", {{"datum", threshold}}}}}}})}},
      false, "series");
}

json amdahl_plot(const json &rows) {
  const json x = nodes_log2_axis();
  return per_case(
      rows,
      {{"layer",
        json::array(
            {{{"mark", {{"type", "line"}, {"color", "#888"}}},
              {"transform", json::array({{{"filter", "isValid(datum.amdahl_wall_s)"}}})},
              {"encoding",
               {{"x", x}, {"y", {{"field", "amdahl_wall_s"}, {"type", "quantitative"}}}}}},
             {{"mark", {{"type", "point"}, {"filled", true}}},
              {"encoding",
               {{"x", x},
                {"y", {{"field", "wall_s"}, {"type", "quantitative"},
                       {"title", "wall time (s); line: Amdahl fit"}}},
                {"tooltip", tooltip({{"nodes", "quantitative"}, {"wall_s", "quantitative"},
                                     {"amdahl_wall_s", "quantitative"}})}}}}})}},
      true, "series");
}

json model_fit_plot(const json &rows) {
  return per_case(
      rows,
      {{"layer",
        json::array(
            {{{"mark", {{"type", "line"}, {"color", "#888"}, {"strokeDash", json::array({4, 4})}}},
              {"encoding",
               {{"x", {{"field", "wall_s"}, {"type", "quantitative"}}},
                {"y", {{"field", "wall_s"}, {"type", "quantitative"}}}}}},
             {{"mark", {{"type", "point"}, {"filled", true}}},
              {"encoding",
               {{"x", {{"field", "wall_s"}, {"type", "quantitative"},
                       {"title", "measured wall time (s)"}}},
                {"y", {{"field", "fitted_s"}, {"type", "quantitative"},
                       {"title", "model (s); dashed: exact"}}},
                {"color", {{"field", "nodes"}, {"type", "ordinal"}}},
                {"tooltip", tooltip({{"duration", "quantitative"}, {"size", "quantitative"},
                                     {"nodes", "quantitative"}, {"wall_s", "quantitative"},
                                     {"fitted_s", "quantitative"},
                                     {"loo_predicted_s", "quantitative"}})}}}}})}},
      true, "series");
}

json model_residual_plot(const json &rows) {
  return per_case(
      rows,
      {{"mark", {{"type", "point"}, {"filled", true}}},
       {"encoding",
        {{"x", {{"field", "duration"}, {"type", "quantitative"}, {"title", "duration knob"}}},
         {"y", {{"field", "residual_s"}, {"type", "quantitative"},
                {"title", "measured - model (s)"}}},
         {"color", {{"field", "nodes"}, {"type", "ordinal"}}},
         {"tooltip", tooltip({{"duration", "quantitative"}, {"size", "quantitative"},
                              {"nodes", "quantitative"}, {"residual_s", "quantitative"}})}}}},
      true, "series");
}

json change_plot(const json &rows) {
  const json y = {{"field", "key"}, {"type", "nominal"}, {"title", nullptr}, {"sort", nullptr}};
  return {{"data", data(rows)},
          {"width", 520},
          {"layer",
           json::array(
               {{{"mark", "rule"},
                 {"transform", json::array({{{"filter", "isValid(datum.low)"}}})},
                 {"encoding",
                  {{"y", y},
                   {"x", {{"field", "low"}, {"type", "quantitative"}}},
                   {"x2", {{"field", "high"}}}}}},
                {{"mark", {{"type", "point"}, {"filled", true}, {"size", 60}}},
                 {"encoding",
                  {{"y", y},
                   {"x", {{"field", "change"}, {"type", "quantitative"},
                          {"title", "relative change of the median (bar: interval)"},
                          {"axis", {{"format", "+.0%"}}}}},
                   {"color", {{"field", "verdict"}, {"type", "nominal"}}},
                   {"tooltip", tooltip({{"key", "nominal"}, {"change", "quantitative"},
                                        {"verdict", "nominal"}})}}}},
                {{"mark", {{"type", "rule"}, {"color", "#888"}}},
                 {"encoding", {{"x", {{"datum", 0}}}}}}})}};
}

// Measured against predicted, one point per job; on the dashed line the prediction was exact.
json validation_plot(const json &rows) {
  return {{"data", data(rows)},
          {"width", 360},
          {"height", 300},
          {"layer",
           json::array(
               {{{"mark", {{"type", "line"}, {"color", "#888"}, {"strokeDash", json::array({4, 4})}}},
                 {"encoding",
                  {{"x", {{"field", "predicted_s"}, {"type", "quantitative"}}},
                   {"y", {{"field", "predicted_s"}, {"type", "quantitative"}}}}}},
                {{"mark", {{"type", "point"}, {"filled", true}, {"size", 60}}},
                 {"encoding",
                  {{"x", {{"field", "predicted_s"}, {"type", "quantitative"},
                          {"title", "predicted duration (s)"}}},
                   {"y", {{"field", "actual_s"}, {"type", "quantitative"},
                          {"title", "measured (s); dashed: exact"}}},
                   {"color", {{"field", "intended"}, {"type", "nominal"},
                              {"title", "intended pattern"}}},
                   {"shape", {{"field", "as_intended"}, {"type", "nominal"},
                              {"title", "pattern as intended"}}},
                   {"tooltip", tooltip({{"job", "nominal"}, {"predicted_s", "quantitative"},
                                        {"actual_s", "quantitative"}, {"error_pct", "quantitative"},
                                        {"intended", "nominal"},
                                        {"as_intended", "nominal"}})}}}}})}};
}

}  // namespace hpcpat::html
