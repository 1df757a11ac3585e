#include "yaml_reader.hpp"

#include <charconv>
#include <set>

#include "hpcpat/base/display_command.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/study/study_spec.hpp"

namespace hpcpat::study {

std::string shown(std::string_view text) {
  constexpr std::size_t kShown = 40;
  std::string shown = printable(text.substr(0, kShown));
  if (text.size() > kShown) shown += "...";
  return "'" + shown + "'";
}

std::string describe_node(const YAML::Node &node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  return shown(node.Scalar());
}

int YamlReader::line(const YAML::Node &at) const {
  if (!at.IsDefined()) return 0;
  const YAML::Mark mark = at.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

void YamlReader::fail_got(const YAML::Node &at, const std::string &path,
                          const std::string &expected, const std::string &got) const {
  const int l = line(at);
  const std::string where = l > 0 ? file_ + ":" + std::to_string(l) : file_;
  throw InputError(where + ": " + path + ": expected " + expected + ", got " + got);
}

void YamlReader::fail(const YAML::Node &at, const std::string &path,
                      const std::string &expected) const {
  fail_got(at, path, expected, describe_node(at));
}

std::vector<std::pair<std::string, YAML::Node>> YamlReader::entries(
    const YAML::Node &node, const std::string &path, const std::string &expected) const {
  if (!node.IsMap()) fail(node, path, expected);
  std::vector<std::pair<std::string, YAML::Node>> out;
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node key = it->first;
    if (!key.IsScalar()) fail(key, path, "text keys");
    const std::string k = key.Scalar();
    if (!seen.insert(k).second)
      fail_got(key, path.empty() ? k : path + "." + k, "each key once", "it again");
    out.emplace_back(k, it->second);
  }
  return out;
}

void YamlReader::check_map(const YAML::Node &node, const std::string &path,
                           std::initializer_list<std::string_view> allowed) const {
  std::string names;
  for (std::string_view a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
  for (const auto &[key, value] : entries(node, path, "a map of " + names)) {
    bool known = false;
    for (std::string_view a : allowed) known = known || key == a;
    if (!known) {
      const std::string field = path.empty() ? key : path + "." + key;
      fail_got(value, field, "one of the keys " + names, "the unknown key " + shown(key));
    }
  }
}

std::vector<YAML::Node> YamlReader::list(const YAML::Node &node, const std::string &path,
                                         std::size_t max) const {
  const std::string expected = "a list of 1 to " + std::to_string(max) + " entries";
  if (!node.IsSequence()) fail(node, path, expected);
  if (node.size() == 0 || node.size() > max) {
    fail_got(node, path, expected, "a list of " + std::to_string(node.size()));
  }
  return std::vector<YAML::Node>(node.begin(), node.end());
}

bool YamlReader::is_plain_scalar(const YAML::Node &node) const {
  return node.IsScalar() && node.Tag() != "!";
}

std::string YamlReader::scalar(const YAML::Node &node, const std::string &path,
                               const std::string &what) const {
  if (!node.IsScalar()) fail(node, path, what);
  return node.Scalar();
}

namespace {

bool looks_numeric_or_bool(std::string_view s) {
  if (s == "true" || s == "false") return true;
  double d = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  return ec == std::errc() && p == s.data() + s.size();
}

bool has_control(std::string_view s) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

}  // namespace

std::string YamlReader::text(const YAML::Node &node, const std::string &path, std::size_t max_len,
                             bool allow_empty) const {
  const std::string expected = "text of " + std::string(allow_empty ? "0" : "1") + " to " +
                               std::to_string(max_len) + " characters";
  const std::string s = scalar(node, path, expected);
  if (is_plain_scalar(node) && looks_numeric_or_bool(s)) {
    fail_got(node, path, expected + " (quote it)", "the plain scalar " + shown(s));
  }
  if ((s.empty() && !allow_empty) || s.size() > max_len || has_control(s)) {
    fail(node, path, expected + " without control characters");
  }
  return s;
}

long long YamlReader::integer(const YAML::Node &node, const std::string &path, long long lo,
                              long long hi) const {
  const std::string expected =
      "an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (!is_plain_scalar(node)) fail(node, path, expected);
  const std::string &s = node.Scalar();
  long long v = 0;
  const char *begin = s.data() + (s.starts_with('+') ? 1 : 0);
  const auto [p, ec] = std::from_chars(begin, s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty() || v < lo || v > hi) {
    fail(node, path, expected);
  }
  return v;
}

bool YamlReader::boolean(const YAML::Node &node, const std::string &path) const {
  if (is_plain_scalar(node) && (node.Scalar() == "true" || node.Scalar() == "false")) {
    return node.Scalar() == "true";
  }
  fail(node, path, "true or false");
}

std::string YamlReader::name(const YAML::Node &node, const std::string &path) const {
  const std::string expected =
      "a name of 1 to 64 characters from [A-Za-z0-9._-], starting with a letter or digit";
  if (!node.IsScalar() || !valid_name(node.Scalar())) fail(node, path, expected);
  return node.Scalar();
}

std::string YamlReader::choice(const YAML::Node &node, const std::string &path,
                               std::initializer_list<std::string_view> choices) const {
  std::string names;
  for (std::string_view c : choices) names += (names.empty() ? "" : ", ") + std::string(c);
  const std::string s = scalar(node, path, "one of " + names);
  for (std::string_view c : choices) {
    if (s == c) return s;
  }
  fail(node, path, "one of " + names);
}

std::vector<std::string> YamlReader::strings(const YAML::Node &node, const std::string &path,
                                             std::size_t max) const {
  std::vector<std::string> out;
  const std::vector<YAML::Node> items = list(node, path, max);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string field = path + "[" + std::to_string(i) + "]";
    std::string s = scalar(items[i], field, "text (one argument)");
    if (s.find('\0') != std::string::npos || s.find('\n') != std::string::npos) {
      fail(items[i], field, "one argument without NUL or newline");
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace hpcpat::study
