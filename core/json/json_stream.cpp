#include "hpcpat/json/json_stream.hpp"

#include <memory>

#include "hpcpat/base/input_error.hpp"

namespace hpcpat {
namespace {

// Where the parser is: one frame per open object or array, with the key or index of the child
// being read. Paths are spelled only when needed (a streamed array's elements, a message): a
// dense matrix has 16.7 million entries of four numbers, and spelling "comm_matrix.entries[i][j]"
// for every value cost more than parsing them.
struct Frame {
  bool array = false;
  std::string key;                    // objects: the member being read
  std::size_t index = 0;              // arrays: the element being read
  StreamedArray *streamed = nullptr;  // arrays the caller asked for
  std::string path;                   // spelled for streamed arrays only
};

void append_child(std::string &path, const Frame &f) {
  if (f.array) {
    path += "[" + std::to_string(f.index) + "]";
  } else {
    if (!path.empty()) path += ".";
    path += f.key;
  }
}

// The path of the value being read inside stack[depth - 1] (the root's path for depth 0).
std::string path_at(const std::vector<Frame> &stack, std::size_t depth) {
  std::string path;
  for (std::size_t i = 0; i < depth; ++i) append_child(path, stack[i]);
  return path;
}

}  // namespace

nlohmann::json parse_json_streaming(std::FILE *in, const std::string &source,
                                    std::vector<StreamedArray> &streamed) {
  using Event = nlohmann::json::parse_event_t;
  const auto shared_source = std::make_shared<const std::string>(source);
  std::vector<Frame> stack;
  std::size_t open_arrays = 0;  // streamed arrays are object members: never inside an array
  // Hands a completed element of a streamed array to its reader; false drops it from the DOM.
  auto complete = [&](const nlohmann::json &value) {
    if (stack.empty()) return true;
    Frame &parent = stack.back();
    bool keep = true;
    if (parent.streamed != nullptr) {
      std::string path = parent.path;
      append_child(path, parent);
      parent.streamed->on_element(JsonNode(value, shared_source, std::move(path)));
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
        if (stack.size() >= kMaxJsonDepth) {
          throw InputError(source + ": field '" + path_at(stack, stack.size()).substr(0, 80) +
                           "...': nested deeper than " + std::to_string(kMaxJsonDepth) +
                           " levels; expected a few");
        }
        Frame f;
        f.array = event == Event::array_start;
        if (f.array && open_arrays == 0 && !streamed.empty()) {
          const std::string path = path_at(stack, stack.size());
          for (StreamedArray &s : streamed) {
            if (s.path == path) {
              f.streamed = &s;
              f.path = path;
            }
          }
        }
        open_arrays += f.array ? 1 : 0;
        stack.push_back(std::move(f));
        return true;
      }
      case Event::key:
        stack.back().key = parsed.get_ref<const std::string &>();
        return true;
      case Event::object_end:
      case Event::array_end:
        open_arrays -= stack.back().array ? 1 : 0;
        stack.pop_back();
        return complete(parsed);
      case Event::value:
        return complete(parsed);
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
