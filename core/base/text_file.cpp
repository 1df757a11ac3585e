#include "hpcpat/base/text_file.hpp"

#include "hpcpat/base/input_file.hpp"

namespace hpcpat {

std::string read_text_file(const std::filesystem::path &path, std::uint64_t max_bytes) {
  return InputFile(path, max_bytes).read_all();
}

}  // namespace hpcpat
