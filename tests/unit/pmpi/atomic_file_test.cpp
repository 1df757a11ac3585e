// hpcpat::base::write_file_atomically: the one writer of the profile, the partial dumps, the
// kernels' JSON and the apps' summaries. Content, replacement, no leftover temporary, and one
// message naming the path when the directory is missing.
#include "hpcpat/base/atomic_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using hpcpat::base::Durability;
using hpcpat::base::Replace;

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

// Issue 11 (1): rename replaced whatever was at the path (as root, -o /dev/null turned the
// device into a regular file). Stand-ins for a device: a FIFO, a directory, a symbolic link to a
// file outside; each is refused, left as it was, and no temporary stays behind.
TEST_F(AtomicFile, NeverReplacesWhatIsNotARegularFile) {
  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const fs::path sub = dir_ / "sub";
  fs::create_directory(sub);
  const fs::path outside = dir_ / "sub" / "outside.txt";
  ASSERT_EQ(hpcpat::base::write_file_atomically(outside.string(), "keep\n"), "");
  const fs::path link = dir_ / "link";
  fs::create_symlink(outside, link);
  for (const fs::path &target : {fifo, sub, link}) {
    for (auto replace : {Replace::regular_file, Replace::never}) {
      const auto status = hpcpat::base::write_file_atomically(target.c_str(), "new\n", 4,
                                                              Durability::kill_safe, replace);
      EXPECT_EQ(status.error, EEXIST) << target;
      EXPECT_NE(hpcpat::base::describe(status, target.string()).find("cannot replace"),
                std::string::npos);
    }
  }
  EXPECT_TRUE(fs::is_fifo(fs::symlink_status(fifo)));
  EXPECT_TRUE(fs::is_directory(fs::symlink_status(sub)));
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(link)));
  EXPECT_EQ(read(outside), "keep\n");
  std::vector<std::string> names = entries();
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"fifo", "link", "sub"}));
}

// Replace::never keeps another run's profile that took the name first.
TEST_F(AtomicFile, NeverModeKeepsAnExistingFile) {
  const fs::path path = dir_ / "out.json";
  ASSERT_EQ(hpcpat::base::write_file_atomically(path.string(), "first\n"), "");
  EXPECT_EQ(hpcpat::base::write_file_atomically(path.string(), "second\n", Durability::crash_safe,
                                                Replace::never),
            "cannot replace the existing file '" + path.string() + "': File exists");
  EXPECT_EQ(read(path), "first\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"out.json"});
  // A new name is written under the same rule.
  EXPECT_EQ(hpcpat::base::write_file_atomically((dir_ / "new.json").string(), "x",
                                                Durability::kill_safe, Replace::never),
            "");
}

}  // namespace
