// `hpcpat --help-env`: the table of every HPCPAT_* variable (include/hpcpat/settings.def) for a
// terminal, or as Markdown — docs/settings.md is exactly that output, and a test keeps it so.
#pragma once

#include <string>

namespace hpcpat::cli {

std::string render_settings_text();
std::string render_settings_markdown();

}  // namespace hpcpat::cli
