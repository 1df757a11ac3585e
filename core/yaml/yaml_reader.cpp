#include "hpcpat/yaml/yaml_reader.hpp"

#include <charconv>
#include <cmath>
#include <set>

#include "hpcpat/base/display_command.hpp"
#include "hpcpat/base/input_error.hpp"

namespace hpcpat::yaml {

YAML::Node load_document(std::string_view text, const std::string &file) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception &e) {
    const std::string where =
        e.mark.is_null() ? file : file + ":" + std::to_string(e.mark.line + 1);
    throw InputError(where +
                     ": (document): expected well-formed YAML, got a parse error: " + e.msg);
  }
}

namespace {

bool alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || !alnum(name.front())) return false;
  for (const char c : name) {
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  // ".." inside a name would read as a parent directory to anyone splitting a path on '.'-runs.
  return name.find("..") == std::string_view::npos;
}

std::string shown(std::string_view text) {
  constexpr std::size_t kShown = 40;
  std::string shown = printable(text.substr(0, kShown));
  if (text.size() > kShown) shown += "...";
  return "'" + shown + "'";
}

std::string number_text(double v) {
  // Whole numbers in full (2592000, not 2.592e+06): bounds and sums read as the spec wrote them.
  if (std::abs(v) < 1e15 && v == std::trunc(v)) return std::to_string(static_cast<long long>(v));
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

std::string key_field(const std::string &path, std::string_view key) {
  constexpr std::size_t kShown = 64;
  std::string shown_key = printable(key.substr(0, kShown));
  if (key.size() > kShown) shown_key += "...";
  return dot(path, shown_key);
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
    if (!seen.insert(k).second) fail_got(key, key_field(path, k), "each key once", "it again");
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
      const std::string field = key_field(path, key);
      fail_got(value, field, "one of the keys " + names, "the unknown key " + shown(key));
    }
  }
}

void YamlReader::require(const YAML::Node &node, const std::string &path,
                         std::initializer_list<std::string_view> keys) const {
  for (std::string_view key : keys) {
    if (!node[std::string(key)])
      fail_got(node, dot(path, std::string(key)), "this field", "no such key");
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

double YamlReader::number(const YAML::Node &node, const std::string &path, double lo, double hi,
                          bool above_lo) const {
  const std::string expected =
      above_lo ? "a number above " + number_text(lo) + " and at most " + number_text(hi)
               : "a number from " + number_text(lo) + " to " + number_text(hi);
  if (!is_plain_scalar(node)) fail(node, path, expected);
  const std::string &s = node.Scalar();
  double v = 0;
  const char *begin = s.data() + (s.starts_with('+') ? 1 : 0);
  const auto [p, ec] = std::from_chars(begin, s.data() + s.size(), v);
  // from_chars reads "inf" and "nan" too: a spec's numbers are finite.
  if (ec != std::errc() || p != s.data() + s.size() || begin == s.data() + s.size() ||
      !std::isfinite(v) || (above_lo ? v <= lo : v < lo) || v > hi) {
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

}  // namespace hpcpat::yaml
