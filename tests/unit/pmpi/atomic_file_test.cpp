// hpcpat::base::write_file_atomically: the one writer of the profile, the partial dumps, the
// kernels' JSON and the apps' summaries. Content, replacement, no leftover temporary, and one
// message naming the path when the directory is missing.
#include "hpcpat/base/atomic_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using hpcpat::base::Durability;

class AtomicFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "hpcpat-atomic-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto &e : fs::directory_iterator(dir_)) names.push_back(e.path().filename());
    return names;
  }
  static std::string read(const fs::path &p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  fs::path dir_;
};

TEST_F(AtomicFile, WritesTheWholeContentAndLeavesNoTemporary) {
  const fs::path path = dir_ / "out.json";
  const std::string content(100000, 'x');
  EXPECT_EQ(hpcpat::base::write_file_atomically(path.string(), content), "");
  EXPECT_EQ(read(path), content);
  EXPECT_EQ(entries(), std::vector<std::string>{"out.json"});
}

TEST_F(AtomicFile, ReplacesAnExistingFile) {
  const fs::path path = dir_ / "out.json";
  ASSERT_EQ(hpcpat::base::write_file_atomically(path.string(), "first, longer content\n"), "");
  const auto status =
      hpcpat::base::write_file_atomically(path.c_str(), "second\n", 7, Durability::kill_safe);
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(read(path), "second\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"out.json"});
}

TEST_F(AtomicFile, MissingDirectoryGivesOneMessageNamingThePath) {
  const std::string path = (dir_ / "no-such-dir" / "out.json").string();
  const auto status = hpcpat::base::write_file_atomically(path.c_str(), "x", 1);
  EXPECT_EQ(status.error, ENOENT);
  EXPECT_EQ(hpcpat::base::describe(status, path),
            "cannot create a file beside '" + path + "': No such file or directory");
  EXPECT_EQ(hpcpat::base::write_file_atomically(path, "x"),
            "cannot create a file beside '" + path + "': No such file or directory");
  EXPECT_EQ(hpcpat::base::describe({}, path), "");
}

TEST_F(AtomicFile, CheckWritableProbesWithoutLeavingAFile) {
  EXPECT_EQ(hpcpat::base::check_writable((dir_ / "out.json").string()), "");
  EXPECT_TRUE(entries().empty());
  const std::string missing = (dir_ / "no-such-dir" / "out.json").string();
  EXPECT_EQ(hpcpat::base::check_writable(missing),
            "cannot create a file beside '" + missing + "': No such file or directory");
}

TEST_F(AtomicFile, PathTooLongIsRefusedNotTruncated) {
  const std::string path = (dir_ / std::string(hpcpat::base::kMaxPath, 'a')).string();
  const auto status = hpcpat::base::write_file_atomically(path.c_str(), "x", 1);
  EXPECT_EQ(status.error, ENAMETOOLONG);
  EXPECT_TRUE(entries().empty());
}

}  // namespace
