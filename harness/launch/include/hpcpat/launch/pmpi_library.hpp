// Where libhpcpat-pmpi.so is, in this order:
//   1. $HPCPAT_PMPI_LIB, when set (must name an existing file);
//   2. next to the running hpcpat per the install layout: <dir of executable>/<bin-to-lib>/;
//   3. the build tree's library, when hpcpat runs from the build tree it was built in.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace hpcpat::launch {

inline constexpr const char *kPmpiLibraryName = "libhpcpat-pmpi.so";

struct PmpiLibrarySearch {
  std::optional<std::string> env_value;             // $HPCPAT_PMPI_LIB
  std::filesystem::path executable;                 // /proc/self/exe of hpcpat
  std::filesystem::path bin_to_lib = "../lib";      // install layout, relative to the bin dir
  std::optional<std::filesystem::path> build_tree;  // the library target's build output
};

// The library found, as an absolute path. Throws hpcpat::InputError naming every place tried.
std::filesystem::path locate_pmpi_library(const PmpiLibrarySearch &search);

// The running executable (/proc/self/exe), or an empty path when it cannot be read.
std::filesystem::path current_executable();

}  // namespace hpcpat::launch
