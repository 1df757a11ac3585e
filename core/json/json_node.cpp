#include "hpcpat/json/json_node.hpp"

#include <cmath>

#include "hpcpat/base/input_error.hpp"

namespace hpcpat {
namespace {

// A short, readable rendering of a value for "found ..." in messages.
std::string describe(const nlohmann::json &v) {
  constexpr std::size_t kMaxShown = 40;
  switch (v.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return std::string("boolean ") + (v.get<bool>() ? "true" : "false");
    case nlohmann::json::value_t::string: {
      std::string s = v.dump();
      if (s.size() > kMaxShown) s = s.substr(0, kMaxShown) + "...\"";
      return "string " + s;
    }
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "integer " + v.dump();
    case nlohmann::json::value_t::number_float:
      return "number " + v.dump();
    case nlohmann::json::value_t::array:
      return "an array of " + std::to_string(v.size()) + (v.size() == 1 ? " element" : " elements");
    case nlohmann::json::value_t::object:
      return "an object";
    default:
      return "a value of an unsupported type";
  }
}

std::string format_bound(double x) {
  if (std::floor(x) == x && std::fabs(x) < 1e15) return std::to_string(static_cast<long long>(x));
  std::string s = std::to_string(x);
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  return s;
}

template <typename T>
std::string range_text(std::string_view what, T min, T max, T lowest, T highest,
                       std::string (*fmt)(T)) {
  std::string text(what);
  if (min != lowest && max != highest) return text + " in [" + fmt(min) + ", " + fmt(max) + "]";
  if (min != lowest) return text + " >= " + fmt(min);
  if (max != highest) return text + " <= " + fmt(max);
  return text;
}

std::string fmt_double(double x) {
  return format_bound(x);
}
std::string fmt_int(std::int64_t x) {
  return std::to_string(x);
}

}  // namespace

JsonNode::JsonNode(const nlohmann::json &root, std::string source)
    : value_(&root), source_(std::make_shared<const std::string>(std::move(source))) {}

JsonNode::JsonNode(const nlohmann::json &value, std::string source, std::string path)
    : value_(&value),
      source_(std::make_shared<const std::string>(std::move(source))),
      path_(std::move(path)) {}

JsonNode::JsonNode(const nlohmann::json &value, std::shared_ptr<const std::string> source,
                   std::string path)
    : JsonNode(&value, std::move(source), std::move(path)) {}

JsonNode::JsonNode(const nlohmann::json *value, std::shared_ptr<const std::string> source,
                   std::string path)
    : value_(value), source_(std::move(source)), path_(std::move(path)) {}

std::string JsonNode::path() const {
  return path_.empty() ? "(document root)" : path_;
}

void JsonNode::fail(std::string_view expected) const {
  std::string where = path_.empty() ? "the document root" : "field '" + path_ + "'";
  if (value_ == nullptr) {
    throw InputError(*source_ + ": " + where + " is missing (expected " + std::string(expected) +
                     ")");
  }
  throw InputError(*source_ + ": " + where + ": expected " + std::string(expected) + ", found " +
                   describe(*value_));
}

void JsonNode::require_object() const {
  if (value_ == nullptr || !value_->is_object()) fail("an object");
}

JsonNode JsonNode::member(std::string_view key) const {
  require_object();
  std::string child_path = path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  auto it = value_->find(key);
  const nlohmann::json *child = it == value_->end() ? nullptr : &*it;
  return JsonNode(child, source_, std::move(child_path));
}

JsonNode JsonNode::element(std::size_t index) const {
  if (value_ == nullptr || !value_->is_array()) fail("an array");
  const nlohmann::json *child = index < value_->size() ? &(*value_)[index] : nullptr;
  return JsonNode(child, source_, path_ + "[" + std::to_string(index) + "]");
}

bool JsonNode::unsigned_row(std::span<std::uint64_t> out) const {
  if (value_ == nullptr || !value_->is_array() || value_->size() != out.size()) return false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const nlohmann::json &v = (*value_)[i];
    if (!v.is_number_unsigned()) return false;
    out[i] = v.get<std::uint64_t>();
  }
  return true;
}

std::size_t JsonNode::size() const {
  if (value_ == nullptr || !value_->is_array()) fail("an array");
  return value_->size();
}

std::string JsonNode::string() const {
  if (value_ == nullptr || !value_->is_string()) fail("a string");
  return value_->get<std::string>();
}

std::string JsonNode::nonempty_string() const {
  if (value_ == nullptr || !value_->is_string() || value_->get_ref<const std::string &>().empty()) {
    fail("a non-empty string");
  }
  return value_->get<std::string>();
}

std::string JsonNode::one_of(std::span<const std::string_view> allowed) const {
  if (value_ != nullptr && value_->is_string()) {
    const auto &value = value_->get_ref<const std::string &>();
    for (std::string_view a : allowed) {
      if (a == value) return value;
    }
  }
  std::string expected = "one of";
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    expected += (i == 0 ? " \"" : ", \"") + std::string(allowed[i]) + "\"";
  }
  fail(expected);
}

bool JsonNode::boolean() const {
  if (value_ == nullptr || !value_->is_boolean()) fail("true or false");
  return value_->get<bool>();
}

double JsonNode::number(double min, double max) const {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (value_ == nullptr || !value_->is_number() || value_->get<double>() < min ||
      value_->get<double>() > max) {
    fail(range_text<double>("a number", min, max, -kInf, kInf, fmt_double));
  }
  return value_->get<double>();
}

std::int64_t JsonNode::integer(std::int64_t min, std::int64_t max) const {
  using L = std::numeric_limits<std::int64_t>;
  bool ok = value_ != nullptr && value_->is_number_integer();
  if (ok && value_->is_number_unsigned() &&
      value_->get<std::uint64_t>() > static_cast<std::uint64_t>(L::max())) {
    ok = false;
  }
  if (ok) {
    std::int64_t v = value_->get<std::int64_t>();
    if (v >= min && v <= max) return v;
  }
  fail(range_text<std::int64_t>("an integer", min, max, L::min(), L::max(), fmt_int));
}

std::uint64_t JsonNode::count(std::uint64_t min) const {
  // Documents built in code hold non-negative integers as signed; parsed ones as unsigned.
  if (value_ != nullptr && value_->is_number_integer() &&
      (value_->is_number_unsigned() || value_->get<std::int64_t>() >= 0) &&
      value_->get<std::uint64_t>() >= min) {
    return value_->get<std::uint64_t>();
  }
  fail("an integer >= " + std::to_string(min));
}

std::optional<JsonNode> JsonNode::nullable(std::string_view expected) const {
  if (value_ == nullptr) fail(expected);
  if (value_->is_null()) return std::nullopt;
  return *this;
}

void JsonNode::for_each_member(
    const std::function<void(const std::string &, const JsonNode &)> &f) const {
  require_object();
  for (auto it = value_->begin(); it != value_->end(); ++it) {
    std::string child_path = path_.empty() ? it.key() : path_ + "." + it.key();
    f(it.key(), JsonNode(&it.value(), source_, std::move(child_path)));
  }
}

void throw_json_error(const nlohmann::json::exception &e, const std::string &source) {
  // e.what() reads "[json.exception.parse_error.101] parse error at line 1, column 2: ..." or
  // "[json.exception.out_of_range.406] number overflow parsing '1e999'"; the bracketed id means
  // nothing to a user.
  std::string why = e.what();
  if (auto close = why.find("] "); close != std::string::npos) why = why.substr(close + 2);
  throw InputError(source + ": not valid JSON: " + why);
}

nlohmann::json parse_json_text(std::string_view text, const std::string &source) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception &e) {
    throw_json_error(e, source);
  }
}

}  // namespace hpcpat
