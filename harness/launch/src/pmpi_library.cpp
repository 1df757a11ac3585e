#include "hpcpat/launch/pmpi_library.hpp"

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/contract.h"

namespace hpcpat::launch {
namespace fs = std::filesystem;

namespace {

bool is_file(const fs::path &p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

fs::path absolute_normal(const fs::path &p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  return (ec ? p : abs).lexically_normal();
}

}  // namespace

fs::path locate_pmpi_library(const PmpiLibrarySearch &search) {
  if (search.env_value) {
    // An explicit choice is never silently replaced by another library.
    if (search.env_value->empty() || !is_file(*search.env_value)) {
      throw InputError(std::string(contract::kEnvPmpiLib) + "='" + *search.env_value +
                       "': expected the path of an existing libhpcpat-pmpi.so");
    }
    return absolute_normal(*search.env_value);
  }
  std::string tried;
  if (!search.executable.empty()) {
    fs::path installed = search.executable.parent_path() / search.bin_to_lib / kPmpiLibraryName;
    if (is_file(installed)) return absolute_normal(installed);
    tried += " " + installed.lexically_normal().string() + ";";
  }
  if (search.build_tree) {
    if (is_file(*search.build_tree)) return absolute_normal(*search.build_tree);
    tried += " " + search.build_tree->string() + ";";
  }
  throw InputError(std::string("cannot find ") + kPmpiLibraryName + " (tried:" + tried + " and " +
                   contract::kEnvPmpiLib +
                   " is not set); expected it installed next to hpcpat or " +
                   contract::kEnvPmpiLib + "=/path/to/libhpcpat-pmpi.so");
}

fs::path current_executable() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe;
}

}  // namespace hpcpat::launch
