// Parsing a large JSON document without holding all of it as a DOM. nlohmann's DOM costs about
// ten times the text (a 233 MB profile needed 2.4 GB), most of it in a few long arrays (a
// profile's rank records and matrix entries). Here the caller names those arrays by path; each of
// their elements is handed to the caller as soon as it is complete, as a JsonNode that names its
// place ("ranks[17]"), and then dropped. What is returned is the rest of the document, with the
// named arrays left empty. Peak memory: the rest, one element's DOM, and what the caller keeps.
#pragma once

#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "hpcpat/json/json_node.hpp"

namespace hpcpat {

struct StreamedArray {
  std::string path;  // "ranks", "comm_matrix.entries": object members from the root
  std::function<void(const JsonNode &element)> on_element;
  std::size_t elements = 0;  // how many were handed over (set by the parse)
};

// Deeper nesting is refused: profiles nest a few levels, and each open level costs a frame that
// names its path, so 100 MB of '[' would otherwise take memory quadratic in the depth.
inline constexpr int kMaxJsonDepth = 256;

// Reads one JSON document from `in` to its end. Not JSON (or a number a double cannot hold) →
// InputError "<source>: not valid JSON: ..."; nesting deeper than kMaxJsonDepth → InputError
// naming the path; errors thrown by `on_element` pass through.
nlohmann::json parse_json_streaming(std::FILE *in, const std::string &source,
                                    std::vector<StreamedArray> &streamed);

}  // namespace hpcpat
