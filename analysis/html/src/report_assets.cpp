#include <array>
#include <string_view>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/text_file.hpp"
#include "hpcpat/html/study_report.hpp"

namespace hpcpat::html {

ReportAssets load_report_assets(const std::filesystem::path &dir) {
  ReportAssets assets;
  const std::array<std::pair<std::string_view, std::string *>, 5> files = {{
      {"vega.min.js", &assets.vega},
      {"vega-lite.min.js", &assets.vega_lite},
      {"vega-embed.min.js", &assets.vega_embed},
      {"report.js", &assets.script},
      {"report.css", &assets.style},
  }};
  for (const auto &[name, text] : files) {
    const std::filesystem::path file = dir / name;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      throw InputError("the report's plotting files are missing: no '" + file.string() +
                       "' (the build makes them with npm from analysis/html/web/package-lock.json;"
                       " build hpcpat where npm can reach its registry or cache)");
    }
    *text = read_text_file(file);
  }
  return assets;
}

}  // namespace hpcpat::html
