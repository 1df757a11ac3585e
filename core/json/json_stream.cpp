#include "hpcpat/json/json_stream.hpp"

#include "hpcpat/base/input_error.hpp"

namespace hpcpat {
namespace {

// Where the parser is: one frame per open object or array, each knowing its own JSON path and
// the key or index of the child being read, so that an element can be named in messages.
struct Frame {
  std::string path;
  bool array = false;
  std::string key;          // objects: the member being read
  std::size_t index = 0;    // arrays: the element being read
  StreamedArray *streamed = nullptr;  // arrays the caller asked for
};

std::string child_path(const Frame &f) {
  if (f.array) return f.path + "[" + std::to_string(f.index) + "]";
  return f.path.empty() ? f.key : f.path + "." + f.key;
}

}  // namespace

nlohmann::json parse_json_streaming(std::FILE *in, const std::string &source,
                                    std::vector<StreamedArray> &streamed) {
  using Event = nlohmann::json::parse_event_t;
  std::vector<Frame> stack;
  // Hands a completed element of a streamed array to its reader; false drops it from the DOM.
  auto complete = [&](const nlohmann::json &value, const std::string &path) {
    if (stack.empty()) return true;
    Frame &parent = stack.back();
    bool keep = true;
    if (parent.streamed != nullptr) {
      parent.streamed->on_element(JsonNode(value, source, path));
      ++parent.streamed->elements;
      keep = false;
    }
    if (parent.array) ++parent.index;
    return keep;
  };
  auto callback = [&](int /*depth*/, Event event, nlohmann::json &parsed) -> bool {
    switch (event) {
      case Event::object_start:
      case Event::array_start: {
        Frame f;
        f.path = stack.empty() ? std::string() : child_path(stack.back());
        if (stack.size() >= kMaxJsonDepth) {
          throw InputError(source + ": field '" + f.path.substr(0, 80) + "...': nested deeper than " +
                           std::to_string(kMaxJsonDepth) + " levels; expected a few");
        }
        f.array = event == Event::array_start;
        if (f.array) {
          for (StreamedArray &s : streamed) {
            if (s.path == f.path) f.streamed = &s;
          }
        }
        stack.push_back(std::move(f));
        return true;
      }
      case Event::key:
        stack.back().key = parsed.get<std::string>();
        return true;
      case Event::object_end:
      case Event::array_end: {
        std::string path = stack.back().path;
        stack.pop_back();
        return complete(parsed, path);
      }
      case Event::value:
        return complete(parsed, stack.empty() ? std::string() : child_path(stack.back()));
    }
    return true;
  };
  try {
    return nlohmann::json::parse(in, callback);
  } catch (const nlohmann::json::exception &e) {
    throw_json_error(e, source);
  }
}

}  // namespace hpcpat
