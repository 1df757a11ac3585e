// A read-only cursor into a parsed JSON document that remembers where it points (file and JSON
// path), so that a reader which checks every field as it goes can complain in one clear line:
//
//   profile.json: field 'run.hosts[0].ranks[2]': expected an integer in [0, 3], found string "x"
//   profile.json: field 'summary.imbalance' is missing (expected a number >= 1)
//
// Member lookup is lazy: `node.member("ranks")` on an object without that key gives an *absent*
// node, and the typed accessor called next raises the "missing" error together with what it
// expected. Every failure is a hpcpat::InputError.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace hpcpat {

class JsonNode {
 public:
  // The document root; `source` names the document (usually its file path) in every message.
  JsonNode(const nlohmann::json &root, std::string source);
  // A node standing for the value at `path` of a document that is not held whole (json_stream.hpp
  // hands over one array element at a time); messages name `path` as if it were.
  JsonNode(const nlohmann::json &value, std::string source, std::string path);
  // The same, for many values of one document: they share its name.
  JsonNode(const nlohmann::json &value, std::shared_ptr<const std::string> source, std::string path);

  // "run.hosts[0].name"; "(document root)" for the root itself.
  std::string path() const;
  // The document's name, as given to the root.
  const std::string &source() const { return *source_; }
  bool present() const { return value_ != nullptr; }

  // Child of an object. Fails unless this node is an object; the child may be absent.
  JsonNode member(std::string_view key) const;
  // Element of an array (bounds are the caller's: use size()).
  JsonNode element(std::size_t index) const;

  // Typed accessors: each fails with "missing" or "expected ..., found ..." unless the value fits.
  void require_object() const;
  std::size_t size() const;  // requires an array
  std::string string() const;
  std::string nonempty_string() const;
  // A string equal to one of `allowed`; fails with 'expected one of "a", "b"' otherwise.
  std::string one_of(std::span<const std::string_view> allowed) const;
  bool boolean() const;
  double number(double min = -std::numeric_limits<double>::infinity(),
                double max = std::numeric_limits<double>::infinity()) const;
  std::int64_t integer(std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                       std::int64_t max = std::numeric_limits<std::int64_t>::max()) const;
  std::uint64_t count(std::uint64_t min = 0) const;  // non-negative integer (counts, bytes)
  // Fills `out` when this node is an array of exactly out.size() non-negative integers, else
  // returns false and leaves the message to the element-wise accessors: a fast path for long
  // arrays of numeric rows (a matrix's entries), which no longer spells a path per number.
  bool unsigned_row(std::span<std::uint64_t> out) const;

  // Fields declared "X or null": std::nullopt for null, the node otherwise. Fails when absent,
  // naming `expected` (e.g. "an object or null").
  std::optional<JsonNode> nullable(std::string_view expected) const;

  // Calls f(key, child) for each member of an object, in key order.
  void for_each_member(const std::function<void(const std::string &, const JsonNode &)> &f) const;

  // Raises the "expected <what>, found <value>" error for this node (or "missing").
  [[noreturn]] void fail(std::string_view expected) const;

 private:
  JsonNode(const nlohmann::json *value, std::shared_ptr<const std::string> source,
           std::string path);

  const nlohmann::json *value_;  // nullptr: absent member
  std::shared_ptr<const std::string> source_;
  std::string path_;  // empty for the root
};

// Parses `text` as JSON. Not JSON → InputError "<source>: not valid JSON: <where and why>"; so is
// a number JSON allows but a double cannot hold (1e999).
nlohmann::json parse_json_text(std::string_view text, const std::string &source);

// The InputError for a nlohmann exception met while parsing `source`.
[[noreturn]] void throw_json_error(const nlohmann::json::exception &e, const std::string &source);

}  // namespace hpcpat
