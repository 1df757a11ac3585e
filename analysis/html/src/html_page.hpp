// An HTML page assembled from parts, every piece of text escaped on the way in: headings, notes,
// tables and Vega-Lite plots. A plot's spec (its data inline) goes into the page as
// <script type="application/json" data-plot="ID">, ready to be copied into any Vega tool; the
// page's script (report.js) draws them all. The libraries are inlined, so the page opens offline.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace hpcpat::html {

struct ReportAssets;

// Text made safe for HTML element content and attribute values.
std::string escape_html(std::string_view text);

// JSON made safe inside a <script> element: "</" becomes "<\/" (the same string in JSON), and
// non-ASCII characters are escaped.
std::string script_json(const nlohmann::json &value);

class HtmlPage {
 public:
  explicit HtmlPage(std::string title) : title_(std::move(title)) {}

  void heading(std::string_view text, int level = 2);
  void paragraph(std::string_view text, std::string_view css_class = "");  // text, escaped
  // A table: header cells, then rows; cells whose text parses as a number are right-aligned.
  void table(const std::vector<std::string> &header,
             const std::vector<std::vector<std::string>> &rows);
  // A Vega-Lite plot (the spec's "$schema" is set here). Plots added in a row sit side by side.
  void plot(const nlohmann::json &spec);
  void begin_row();
  void end_row();

  std::size_t plots() const { return plots_; }

  // The whole page: the assets inlined, the parts in order, the status line at the foot.
  std::string render(const ReportAssets &assets, std::string_view footer) const;

 private:
  std::string title_;
  std::string body_;
  std::size_t plots_ = 0;
};

}  // namespace hpcpat::html
