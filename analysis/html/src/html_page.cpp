#include "html_page.hpp"

#include <charconv>

#include "hpcpat/html/study_report.hpp"

namespace hpcpat::html {
namespace {

constexpr std::string_view kVegaLiteSchema = "https://vega.github.io/schema/vega-lite/v6.json";

bool is_number(std::string_view text) {
  if (text.empty()) return false;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && ptr == text.data() + text.size();
}

// A library's text inside <script>: "</script" cannot occur in the minified bundles we pin, but
// a check costs nothing and keeps a future bundle from breaking the page silently.
std::string inline_script(std::string_view code) {
  std::string out(code);
  for (std::size_t at = out.find("</script"); at != std::string::npos;
       at = out.find("</script", at + 2)) {
    out.replace(at, 2, "<\\/");
  }
  return out;
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string script_json(const nlohmann::json &value) {
  std::string text = value.dump(-1, ' ', /*ensure_ascii=*/true,
                                nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] == '/') {
      out += "<\\/";
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

void HtmlPage::heading(std::string_view text, int level) {
  const std::string tag = "h" + std::to_string(level);
  body_ += "<" + tag + ">" + escape_html(text) + "</" + tag + ">\n";
}

void HtmlPage::paragraph(std::string_view text, std::string_view css_class) {
  body_ += css_class.empty() ? std::string("<p>")
                             : "<p class=\"" + escape_html(css_class) + "\">";
  body_ += escape_html(text) + "</p>\n";
}

void HtmlPage::table(const std::vector<std::string> &header,
                     const std::vector<std::vector<std::string>> &rows) {
  body_ += "<table><thead><tr>";
  for (const std::string &h : header) body_ += "<th>" + escape_html(h) + "</th>";
  body_ += "</tr></thead><tbody>\n";
  for (const auto &row : rows) {
    body_ += "<tr>";
    for (const std::string &cell : row) {
      body_ += is_number(cell) ? "<td class=\"num\">" : "<td>";
      body_ += escape_html(cell) + "</td>";
    }
    body_ += "</tr>\n";
  }
  body_ += "</tbody></table>\n";
}

void HtmlPage::plot(const nlohmann::json &spec) {
  const std::string id = "plot-" + std::to_string(++plots_);
  nlohmann::json full = {{"$schema", kVegaLiteSchema}};
  full.update(spec);
  body_ += "<div class=\"plot\" id=\"" + id + "\"></div>\n";
  body_ += "<script type=\"application/json\" data-plot=\"" + id + "\">" + script_json(full) +
           "</script>\n";
}

void HtmlPage::begin_row() { body_ += "<div class=\"plots\">\n"; }
void HtmlPage::end_row() { body_ += "</div>\n"; }

std::string HtmlPage::render(const ReportAssets &assets, std::string_view footer) const {
  std::string page;
  page.reserve(body_.size() + assets.vega.size() + assets.vega_lite.size() +
               assets.vega_embed.size() + 4096);
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += "<title>" + escape_html(title_) + "</title>\n";
  page += "<style>\n" + assets.style + "</style>\n";
  // Vega, Vega-Lite and Vega-Embed (BSD-3-Clause, https://vega.github.io), pinned by
  // analysis/html/web/package-lock.json, inlined so that the page needs no network.
  for (const std::string *lib : {&assets.vega, &assets.vega_lite, &assets.vega_embed}) {
    page += "<script>" + inline_script(*lib) + "</script>\n";
  }
  page += "</head>\n<body>\n";
  page += "<h1>" + escape_html(title_) + "</h1>\n";
  page += body_;
  page += "<footer>" + escape_html(footer) +
          " Plots: Vega-Lite; each plot's spec, with its data, is in the page as JSON "
          "(script type=application/json).</footer>\n";
  page += "<pre id=\"hpcpat-status\">drawing...</pre>\n";
  page += "<script>" + inline_script(assets.script) + "</script>\n";
  page += "</body>\n</html>\n";
  return page;
}

}  // namespace hpcpat::html
