// A small text file written under the test's temporary directory, for the readers' tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace hpcpat::compare::test {

inline std::filesystem::path temp_dir(const std::string &folder) {
  return std::filesystem::path(::testing::TempDir()) / folder;
}

inline std::filesystem::path write_file(const std::string &folder, const std::string &name,
                                        const std::string &text) {
  const std::filesystem::path dir = temp_dir(folder);
  std::filesystem::create_directories(dir);
  const std::filesystem::path p = dir / name;
  std::ofstream(p) << text;
  return p;
}

}  // namespace hpcpat::compare::test
