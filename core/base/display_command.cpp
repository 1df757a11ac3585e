#include "hpcpat/base/display_command.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace hpcpat {

std::string display_command(const std::vector<std::string> &argv) {
  std::string out;
  for (const std::string &arg : argv) {
    bool plain = !arg.empty() && std::all_of(arg.begin(), arg.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) ||
             std::string_view("_-./=:,+@%").find(c) != std::string_view::npos;
    });
    if (!out.empty()) out.push_back(' ');
    if (plain) {
      out.append(arg);
      continue;
    }
    out.push_back('\'');
    for (char c : arg) {
      if (c == '\'') {
        out.append("'\\''");  // close the quote, an escaped quote, reopen
      } else {
        out.push_back(c);
      }
    }
    out.push_back('\'');
  }
  return out;
}

}  // namespace hpcpat
