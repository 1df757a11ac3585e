// Reading one YAML document strictly, with every refusal worded the same way:
//   "FILE:LINE: FIELD.PATH: expected WHAT, got WHAT-WAS-THERE"
// LINE is yaml-cpp's Mark, 1-based; a field that is absent is reported at its map's line.
// Plain scalars keep YAML's types (5 is an integer, "5" a string); only the spellings true/false
// are booleans, so that `yes`, `on` or `no` in a spec are refused rather than guessed.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace hpcpat::study {

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
  bool boolean(const YAML::Node &node, const std::string &path) const;
  // A name of the study's alphabet (study_spec.hpp, valid_name).
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

// What a node holds, for the "got" part of a message: "a map", "a list", "nothing", "'text'".
std::string describe_node(const YAML::Node &node);
// Text shortened to 40 characters and made printable, quoted.
std::string shown(std::string_view text);

}  // namespace hpcpat::study
