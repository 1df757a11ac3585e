// libhpcpat-pmpi.so is looked up in a fixed order: $HPCPAT_PMPI_LIB, the install layout next to
// the executable, the build tree.
#include "hpcpat/launch/pmpi_library.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"
#include "hpcpat/base/input_error.hpp"

namespace hpcpat::launch {
namespace {
namespace fs = std::filesystem;

class PmpiLibrary : public ::testing::Test {
 protected:
  PmpiLibrary() {
    fs::create_directories(root() / "prefix/bin");
    fs::create_directories(root() / "prefix/lib");
    fs::create_directories(root() / "build");
    fs::create_directories(root() / "custom");
    scratch_.write("prefix/bin/hpcpat", "");
    installed_ = scratch_.write("prefix/lib/libhpcpat-pmpi.so", "");
    built_ = scratch_.write("build/libhpcpat-pmpi.so", "");
    custom_ = scratch_.write("custom/my-pmpi.so", "");
  }
  const fs::path &root() const { return scratch_.path(); }
  PmpiLibrarySearch all_present() const {
    return {custom_.string(), root() / "prefix/bin/hpcpat", "../lib", built_};
  }
  static std::string error_of(const PmpiLibrarySearch &s) {
    try {
      locate_pmpi_library(s);
    } catch (const InputError &e) {
      return e.what();
    }
    return "(no error)";
  }

  test::ScratchDir scratch_;
  fs::path installed_, built_, custom_;
};

TEST_F(PmpiLibrary, EnvironmentWinsOverEverything) {
  EXPECT_EQ(locate_pmpi_library(all_present()), custom_);
}

TEST_F(PmpiLibrary, InstallLayoutBeforeBuildTree) {
  PmpiLibrarySearch s = all_present();
  s.env_value.reset();
  EXPECT_EQ(locate_pmpi_library(s), installed_);
}

TEST_F(PmpiLibrary, BuildTreeLast) {
  PmpiLibrarySearch s = all_present();
  s.env_value.reset();
  fs::remove(installed_);
  EXPECT_EQ(locate_pmpi_library(s), built_);
}

TEST_F(PmpiLibrary, InstallLayoutFollowsTheConfiguredLibDir) {
  fs::create_directories(root() / "prefix/lib64");
  fs::path lib64 = scratch_.write("prefix/lib64/libhpcpat-pmpi.so", "");
  PmpiLibrarySearch s = all_present();
  s.env_value.reset();
  s.bin_to_lib = "../lib64";
  EXPECT_EQ(locate_pmpi_library(s), lib64);
}

TEST_F(PmpiLibrary, AnExplicitChoiceThatDoesNotExistIsAnErrorNotAFallback) {
  PmpiLibrarySearch s = all_present();
  s.env_value = (root() / "custom/missing.so").string();
  EXPECT_EQ(error_of(s), "HPCPAT_PMPI_LIB='" + *s.env_value +
                             "': expected the path of an existing libhpcpat-pmpi.so");
  s.env_value = "";
  EXPECT_EQ(error_of(s), "HPCPAT_PMPI_LIB='': expected the path of an existing libhpcpat-pmpi.so");
}

TEST_F(PmpiLibrary, NothingFoundNamesEveryPlaceTried) {
  PmpiLibrarySearch s = all_present();
  s.env_value.reset();
  fs::remove(installed_);
  fs::remove(built_);
  EXPECT_EQ(error_of(s), "cannot find libhpcpat-pmpi.so (tried: " +
                             (root() / "prefix/lib/libhpcpat-pmpi.so").string() + "; " +
                             built_.string() +
                             "; and HPCPAT_PMPI_LIB is not set); expected it installed next to "
                             "hpcpat or HPCPAT_PMPI_LIB=/path/to/libhpcpat-pmpi.so");
}

TEST(CurrentExecutable, IsThisTestProgram) {
  EXPECT_EQ(current_executable().filename(), "hpcpat-cli-tests");
}

}  // namespace
}  // namespace hpcpat::launch
