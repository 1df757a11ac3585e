// Reading one YAML document strictly, with every refusal worded the same way:
//   "FILE:LINE: FIELD.PATH: expected WHAT, got WHAT-WAS-THERE"
// LINE is yaml-cpp's Mark, 1-based; a field that is absent is reported at its map's line.
// Plain scalars keep YAML's types (5 is an integer, "5" a string); only the spellings true/false
// are booleans, so that `yes`, `on` or `no` in a spec are refused rather than guessed.
// Shared by every YAML document hpcpat reads (study specs, synthesis target specs).
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace hpcpat::yaml {

// The document in `text`, or InputError "FILE:LINE: (document): expected well-formed YAML, got a
// parse error: ..." (LINE where yaml-cpp knows it).
YAML::Node load_document(std::string_view text, const std::string &file);

// Names that become folder, file and job names: [A-Za-z0-9][A-Za-z0-9._-]{0,63}, without "..".
bool valid_name(std::string_view name);

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}

  const std::string &file() const { return file_; }
  // Throws InputError "FILE:LINE: PATH: expected EXPECTED, got <what `at` holds>".
  [[noreturn]] void fail(const YAML::Node &at, const std::string &path,
                         const std::string &expected) const;
  // The same with the "got" part given (e.g. a value after conversion).
  [[noreturn]] void fail_got(const YAML::Node &at, const std::string &path,
                             const std::string &expected, const std::string &got) const;
  int line(const YAML::Node &at) const;

  // `node` must be a map whose keys are unique strings from `allowed`.
  void check_map(const YAML::Node &node, const std::string &path,
                 std::initializer_list<std::string_view> allowed) const;
  // Each of `keys` must be present in the map `node` ("PATH.KEY: expected this field, got no
  // such key", at the map's line).
  void require(const YAML::Node &node, const std::string &path,
               std::initializer_list<std::string_view> keys) const;
  // `node` must be a map with unique keys; its (key, value) pairs in the document's order.
  std::vector<std::pair<std::string, YAML::Node>> entries(const YAML::Node &node,
                                                          const std::string &path,
                                                          const std::string &expected) const;
  // A non-empty sequence of at most `max` entries.
  std::vector<YAML::Node> list(const YAML::Node &node, const std::string &path,
                               std::size_t max) const;

  bool is_plain_scalar(const YAML::Node &node) const;
  // Any scalar (not null, not a list or map), as text; `what` says what was expected.
  std::string scalar(const YAML::Node &node, const std::string &path,
                     const std::string &what) const;
  // A quoted or plain scalar that is not a number or boolean: free text without control
  // characters, at most `max_len` bytes.
  std::string text(const YAML::Node &node, const std::string &path, std::size_t max_len,
                   bool allow_empty = false) const;
  long long integer(const YAML::Node &node, const std::string &path, long long lo,
                    long long hi) const;
  // A finite number (a plain scalar: 5, 2.5, 1e3) from `lo` to `hi`, or above `lo` when
  // `above_lo` (a quantity that must be positive).
  double number(const YAML::Node &node, const std::string &path, double lo, double hi,
                bool above_lo = false) const;
  bool boolean(const YAML::Node &node, const std::string &path) const;
  // A name of valid_name's alphabet.
  std::string name(const YAML::Node &node, const std::string &path) const;
  std::string choice(const YAML::Node &node, const std::string &path,
                     std::initializer_list<std::string_view> choices) const;
  // A list of strings (argv elements, launcher flags): each a scalar without NUL or newline.
  std::vector<std::string> strings(const YAML::Node &node, const std::string &path,
                                   std::size_t max) const;

 private:
  std::string file_;
};

// Field paths: at("cases", 1) is "cases[1]", dot("cases[1]", "name") is "cases[1].name".
inline std::string at(const std::string &path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}
inline std::string dot(const std::string &path, const std::string &key) {
  return path.empty() ? key : path + "." + key;
}

// dot() for a key the document wrote, which may be anything: made printable and shortened to 64
// characters, so that the message stays one line.
std::string key_field(const std::string &path, std::string_view key);

// What a node holds, for the "got" part of a message: "a map", "a list", "nothing", "'text'".
std::string describe_node(const YAML::Node &node);
// A number for a message: whole numbers in full (2592000), others as the shortest text that
// reads back as them (0.5, 1e+300).
std::string number_text(double v);
// Text shortened to 40 characters and made printable, quoted.
std::string shown(std::string_view text);

}  // namespace hpcpat::yaml
