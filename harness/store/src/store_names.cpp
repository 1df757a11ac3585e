// Name and path checks of the results store (store_names.hpp).
#include "store_names.hpp"

#include <system_error>

#include "hpcpat/base/display_command.hpp"
#include "hpcpat/base/input_error.hpp"

namespace hpcpat::store {

namespace fs = std::filesystem;

std::string name_problem(std::string_view name) {
  constexpr std::string_view kExpected =
      "expected 1-128 characters from [A-Za-z0-9._+=,@-], not starting with '.' or '-'";
  if (name.empty() || name.size() > 128 || name.front() == '.' || name.front() == '-') {
    return std::string(kExpected);
  }
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-' || c == '+' || c == '=' || c == ',' ||
                    c == '@';
    if (!ok) return std::string(kExpected);
  }
  if (name.find("..") != std::string_view::npos) return "expected no '..' in it";
  return "";
}

void check_name(std::string_view what, std::string_view name) {
  if (std::string problem = name_problem(name); !problem.empty()) {
    throw InputError(std::string(what) + " '" + printable(name) + "': " + problem);
  }
}

void check_contained(const fs::path &root, const fs::path &path) {
  std::error_code ec;
  const fs::path real_root = fs::canonical(root, ec);
  if (ec) throw InputError("results folder '" + root.string() + "': " + ec.message());
  const fs::path real = fs::weakly_canonical(path, ec);
  if (ec) throw InputError("'" + path.string() + "': " + ec.message());
  const fs::path rel = real.lexically_relative(real_root);
  if (rel.empty() || rel == "." || *rel.begin() == "..") {
    throw InputError("'" + path.string() + "' resolves to '" + real.string() +
                     "', outside the results folder '" + real_root.string() +
                     "'; expected a folder under it (a symbolic link leads out?)");
  }
}

std::string relative_path_problem(std::string_view path) {
  if (path.empty()) return "";
  const fs::path p(path);
  if (p.is_absolute()) return "expected a path relative to the run folder";
  for (const fs::path &part : p) {
    if (part == ".." || part == ".") return "expected a path without '.' or '..' parts";
  }
  return "";
}

}  // namespace hpcpat::store
