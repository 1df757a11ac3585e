// Issue 11, defect 8: a reader is never made to hang or to read without end. Each case would hang
// or grow memory on the old reader (ifstream of whatever the path names); the FIFO is one in a
// scratch directory with no writer, and ctest's timeout stands guard should open() ever block.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>

#include "fixture.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/input_file.hpp"
#include "hpcpat/base/text_file.hpp"
#include "hpcpat/profile/profile_reader.hpp"

namespace hpcpat {
namespace {

std::string error_reading(const std::filesystem::path &path, std::uint64_t max_bytes) {
  try {
    profile::read_profile(path, max_bytes, "(raise it with --max-size MiB)");
  } catch (const InputError &e) {
    return e.what();
  }
  return "(no error)";
}

TEST(InputFile, FifoWithoutWriterIsRefusedAtOnce) {
  test::ScratchDir dir;
  std::filesystem::path fifo = dir.path() / "p.json";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(error_reading(fifo, kDefaultMaxInputBytes),
            fifo.string() + ": cannot read: a FIFO (named pipe), expected a regular file");
}

TEST(InputFile, DevicesAreRefused) {
  EXPECT_EQ(error_reading("/dev/zero", kDefaultMaxInputBytes),
            "/dev/zero: cannot read: a character device, expected a regular file");
  EXPECT_EQ(error_reading("/dev/urandom", kDefaultMaxInputBytes),
            "/dev/urandom: cannot read: a character device, expected a regular file");
}

TEST(InputFile, FileOverTheLimitIsRefusedNamingFileAndLimit) {
  test::ScratchDir dir;
  std::filesystem::path big = dir.write("big.json", std::string(3u << 20, ' '));
  EXPECT_EQ(error_reading(big, 2u << 20),
            big.string() +
                ": 3.0 MiB, over the limit of 2.0 MiB for this input (raise it with --max-size "
                "MiB)");
}

TEST(InputFile, ReadsARegularFileWhole) {
  test::ScratchDir dir;
  std::filesystem::path f = dir.write("t.txt", "abc\n");
  EXPECT_EQ(read_text_file(f, 4), "abc\n");
  EXPECT_THROW(read_text_file(f, 3), InputError);
}

// The streamed read and the DOM read give the same profile.
TEST(InputFile, StreamedReadEqualsDomRead) {
  profile::Profile streamed = profile::read_profile(test::data_file("valid_2ranks.json"));
  profile::Profile dom = profile::parse_profile(
      read_text_file(test::data_file("valid_2ranks.json")), "valid_2ranks.json");
  ASSERT_EQ(streamed.ranks.size(), dom.ranks.size());
  for (std::size_t i = 0; i < dom.ranks.size(); ++i) {
    EXPECT_EQ(streamed.ranks[i].rank, dom.ranks[i].rank);
    EXPECT_EQ(streamed.ranks[i].calls.size(), dom.ranks[i].calls.size());
    EXPECT_EQ(streamed.ranks[i].mpi_time_s, dom.ranks[i].mpi_time_s);
  }
  ASSERT_EQ(streamed.comm_matrix.entries.size(), dom.comm_matrix.entries.size());
  ASSERT_FALSE(dom.comm_matrix.entries.empty());
  EXPECT_EQ(streamed.comm_matrix.entries[0].bytes, dom.comm_matrix.entries[0].bytes);
  EXPECT_EQ(streamed.comm_matrix.cap, dom.comm_matrix.cap);
}

}  // namespace
}  // namespace hpcpat
