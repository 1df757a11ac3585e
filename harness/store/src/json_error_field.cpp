// A SAX pass that keeps the path of the value being read and stops at the parse error. Run only
// after the ordinary parse failed, so reading a good file costs nothing extra.
#include "json_error_field.hpp"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <vector>

namespace hpcpat::store {
namespace {

class PathTracker : public nlohmann::json_sax<nlohmann::json> {
 public:
  std::string path() const {
    std::string out;
    for (const Level &l : stack_) {
      if (l.array) {
        out += "[" + std::to_string(l.index) + "]";
      } else if (!l.key.empty()) {
        out += (out.empty() ? "" : ".") + l.key;
      }
    }
    return out;
  }

  bool null() override { return scalar(); }
  bool boolean(bool) override { return scalar(); }
  bool number_integer(number_integer_t) override { return scalar(); }
  bool number_unsigned(number_unsigned_t) override { return scalar(); }
  bool number_float(number_float_t, const string_t &) override { return scalar(); }
  bool string(string_t &) override { return scalar(); }
  bool binary(binary_t &) override { return scalar(); }
  bool start_object(std::size_t) override { return open(false); }
  bool key(string_t &k) override {
    stack_.back().key = k;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &) override {
    return false;
  }

 private:
  struct Level {
    bool array = false;
    std::string key;
    std::size_t index = 0;
  };
  bool scalar() {
    if (!stack_.empty() && stack_.back().array) ++stack_.back().index;
    return true;
  }
  bool open(bool array) {
    stack_.push_back({array, {}, 0});
    return true;
  }
  bool close() {
    stack_.pop_back();
    return scalar();  // the finished container is one value of its parent
  }
  std::vector<Level> stack_;
};

}  // namespace

std::string field_at_parse_error(std::string_view text) {
  PathTracker tracker;
  nlohmann::json::sax_parse(text.begin(), text.end(), &tracker);
  return tracker.path();
}

}  // namespace hpcpat::store
