// Text, CSV and JSON views of index rows (results_view.hpp).
#include "results_view.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <nlohmann/json.hpp>

#include "hpcpat/base/display_command.hpp"

namespace hpcpat::cli {

std::string cell_text(const store::Cell &cell) {
  if (const auto *s = std::get_if<std::string>(&cell)) return *s;
  if (const auto *i = std::get_if<std::int64_t>(&cell)) return std::to_string(*i);
  if (const auto *d = std::get_if<double>(&cell)) {
    std::array<char, 32> text{};
    const auto end = std::to_chars(text.data(), text.data() + text.size(), *d).ptr;
    return std::string(text.data(), end);
  }
  return "";
}

namespace {

std::string csv_field(const std::string &text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

}  // namespace

std::string render_csv(const TextTable &table) {
  std::string out;
  const auto line = [&out](const std::vector<std::string> &fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
    out += "\r\n";
  };
  line(table.header);
  for (const auto &row : table.rows) {
    std::vector<std::string> fields;
    for (const store::Cell &c : row) fields.push_back(cell_text(c));
    line(fields);
  }
  return out;
}

std::string render_json(const TextTable &table) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto &row : table.rows) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < row.size() && i < table.header.size(); ++i) {
      const store::Cell &c = row[i];
      nlohmann::ordered_json &v = object[table.header[i]];
      if (const auto *s = std::get_if<std::string>(&c)) v = *s;
      else if (const auto *n = std::get_if<std::int64_t>(&c)) v = *n;
      else if (const auto *d = std::get_if<double>(&c)) v = *d;
      else v = nullptr;
    }
    out.push_back(std::move(object));
  }
  return out.dump(2) + "\n";
}

std::string render_text(const TextTable &table) {
  std::vector<std::vector<std::string>> cells{table.header};
  for (const auto &row : table.rows) {
    std::vector<std::string> line;
    for (const store::Cell &c : row) line.push_back(printable(cell_text(c)));
    cells.push_back(std::move(line));
  }
  std::vector<std::size_t> width(table.header.size(), 0);
  for (const auto &line : cells) {
    for (std::size_t i = 0; i < line.size() && i < width.size(); ++i) {
      width[i] = std::max(width[i], line[i].size());
    }
  }
  std::string out;
  for (const auto &line : cells) {
    std::string text;
    for (std::size_t i = 0; i < line.size() && i < width.size(); ++i) {
      text += line[i];
      if (i + 1 < line.size()) text += std::string(width[i] - line[i].size() + 2, ' ');
    }
    out += text + "\n";
  }
  return out;
}

}  // namespace hpcpat::cli
