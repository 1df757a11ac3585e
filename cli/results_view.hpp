// How `hpcpat results` shows index rows: an aligned text table, RFC 4180 CSV and JSON. Views of
// harness/store's rows, kept beside the one command that prints them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hpcpat/store/index_row.hpp"

namespace hpcpat::cli {

// A table of text cells with a header; null cells are "".
struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<store::Cell>> rows;
};

// One cell as text: integers in decimal, reals in the shortest form that reads back exactly.
std::string cell_text(const store::Cell &cell);

// RFC 4180: CRLF line ends; a field holding a comma, a quote, CR or LF is quoted, quotes doubled.
std::string render_csv(const TextTable &table);
// An array of objects keyed by the header; integers and reals as JSON numbers, null cells null.
std::string render_json(const TextTable &table);
// Columns padded to their widest cell, two spaces apart; cells made printable.
std::string render_text(const TextTable &table);

}  // namespace hpcpat::cli
