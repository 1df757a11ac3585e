// hpcpat::run end to end without MPI: a stand-in launcher (a shell script) plays mpirun, so what
// the run should report — written or not, exit status, partial dumps — is known by construction.
#include "hpcpat/run/profiled_run.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>

#include "fixture.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/contract.h"

namespace hpcpat::run {
namespace {
namespace fs = std::filesystem;

// Writes "{}" to the path of HPCPAT_OUTPUT=... among its arguments (Open MPI's -x form), then
// exits with `status`.
fs::path fake_launcher(const test::ScratchDir &dir, int status, bool write_profile) {
  const fs::path p = dir.write(
      "fake-mpirun", std::string("#!/bin/sh\n") +
                         (write_profile ? "for a in \"$@\"; do case \"$a\" in HPCPAT_OUTPUT=*) "
                                          "echo '{}' > \"${a#HPCPAT_OUTPUT=}\";; esac; done\n"
                                        : "") +
                         "exit " + std::to_string(status) + "\n");
  chmod(p.c_str(), 0755);
  return p;
}

RunRequest request(const test::ScratchDir &dir, const fs::path &launcher) {
  RunRequest r;
  r.program = {"/bin/true", "arg"};
  r.ranks = 2;
  r.mpi_flavour = "openmpi";
  r.launcher_executable = launcher.string();
  r.output = (dir.path() / "p.json").string();
  r.tags = {"study=unit"};
  r.extra_env = {{"EXTRA", "1"}};
  return r;
}

// The interposer is looked up through HPCPAT_PMPI_LIB, pointed at a stand-in file.
class ProfiledRun : public ::testing::Test {
 protected:
  void SetUp() override { setenv("HPCPAT_PMPI_LIB", lib_.c_str(), 1); }
  void TearDown() override { unsetenv("HPCPAT_PMPI_LIB"); }
  test::ScratchDir dir_;
  fs::path lib_ = dir_.write("libhpcpat-pmpi.so", "");
};

bool has(const std::vector<std::string> &argv, const std::string &arg) {
  return std::find(argv.begin(), argv.end(), arg) != argv.end();
}

TEST_F(ProfiledRun, RanksGetTheInterposerAndTheContractsVariables) {
  const PreparedRun p = prepare_run(request(dir_, fake_launcher(dir_, 0, false)));
  const std::vector<std::string> &argv = p.command.argv;
  EXPECT_EQ(argv.front(), (dir_.path() / "fake-mpirun").string());
  EXPECT_EQ(p.profile, dir_.path() / "p.json");
  EXPECT_TRUE(has(argv, "LD_PRELOAD=" + lib_.string()));
  EXPECT_TRUE(has(argv, "HPCPAT_OUTPUT=" + p.profile.string()));
  EXPECT_TRUE(has(argv, "HPCPAT_LAUNCHER=mpirun"));
  EXPECT_TRUE(has(argv, "HPCPAT_TAGS=study=unit"));
  EXPECT_TRUE(has(argv, "EXTRA=1"));
  EXPECT_TRUE(has(argv, "HPCPAT_OVERWRITE=0"));  // 1 only with --force
  // A fresh run id, passed on so that the interposer names the run as hpcpat does.
  EXPECT_TRUE(has(argv, "HPCPAT_RUN_ID=" + p.run_id));
  EXPECT_TRUE(contract::valid_run_id(p.run_id)) << p.run_id;
  EXPECT_EQ(std::vector<std::string>(argv.end() - 2, argv.end()),
            (std::vector<std::string>{"/bin/true", "arg"}));
}

TEST_F(ProfiledRun, BadTagsAreReportedBeforeAMissingProgram) {
  RunRequest r = request(dir_, fake_launcher(dir_, 0, false));
  r.tags = {"novalue"};
  r.program = {"hpcpat-no-such-program-xyz"};
  try {
    prepare_run(r);
    FAIL() << "expected InputError";
  } catch (const InputError &e) {
    EXPECT_EQ(std::string(e.what()).rfind("--tag 'novalue'", 0), 0u) << e.what();
  }
}

TEST_F(ProfiledRun, AWrittenProfileAndTheLaunchersStatusAreReported) {
  const RunResult r = execute_run(prepare_run(request(dir_, fake_launcher(dir_, 3, true))));
  EXPECT_EQ(r.process.exit_code, 3);
  EXPECT_FALSE(r.process.signal.has_value());
  EXPECT_TRUE(r.profile_written);
  EXPECT_TRUE(r.partials.empty());
  EXPECT_GE(r.wall_s, 0.0);
}

TEST_F(ProfiledRun, AnOldProfileIsNotTakenForANewOneAndPartialsAreListed) {
  dir_.write("p.json", "{}");  // left by an earlier run
  dir_.write("p.rank1.partial.json", "{}");
  dir_.write("p.rank0.partial.json", "{}");
  RunRequest req = request(dir_, fake_launcher(dir_, 0, false));
  req.overwrite = true;  // --force
  const RunResult r = execute_run(prepare_run(req));
  EXPECT_TRUE(r.process.ok());
  EXPECT_FALSE(r.profile_written);
  EXPECT_EQ(r.partials, (std::vector<fs::path>{dir_.path() / "p.rank0.partial.json",
                                               dir_.path() / "p.rank1.partial.json"}));
}

std::string prepare_error(const RunRequest &r) {
  try {
    prepare_run(r);
  } catch (const InputError &e) {
    return e.what();
  }
  return "(no error)";
}

// Issue 11 (1): -o never names something that is not a regular file, nor the program, nor an
// existing file without --force; and (6) a path that cannot take the profile is refused before
// the launch, naming -o and what was expected.
TEST_F(ProfiledRun, TheOutputIsCheckedBeforeTheLaunch) {
  RunRequest r = request(dir_, fake_launcher(dir_, 0, true));
  const std::string fifo = (dir_.path() / "fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  r.output = fifo;
  r.overwrite = true;
  EXPECT_EQ(prepare_error(r), "-o '" + fifo +
                                  "': exists and is a FIFO; expected a new file name (only "
                                  "regular files are ever replaced)");
  r.output = dir_.write("old.json", "{}").string();
  r.overwrite = false;
  EXPECT_EQ(prepare_error(r), "-o '" + r.output +
                                  "': already exists; expected a new file name (pass --force "
                                  "to replace it)");
  r.overwrite = true;
  EXPECT_EQ(prepare_error(r), "(no error)");
  r.output = (dir_.path() / "fake-mpirun").string();
  r.program = {r.output};
  EXPECT_EQ(prepare_error(r),
            "-o '" + r.output + "': is the program being profiled; expected another file name");
  r.program = {"/bin/true"};
  r.output = "/proc/self/p.json";
  EXPECT_NE(prepare_error(r).find("is under /proc"), std::string::npos);
  r.output = (dir_.path() / std::string(250, 'x')).string();
  EXPECT_NE(prepare_error(r).find("': the file name is 250 bytes long; expected at most"),
            std::string::npos);
}

TEST_F(ProfiledRun, ForcePassesOverwriteToTheRanks) {
  RunRequest r = request(dir_, fake_launcher(dir_, 0, false));
  r.overwrite = true;
  const PreparedRun p = prepare_run(r);
  EXPECT_TRUE(has(p.command.argv, "HPCPAT_OVERWRITE=1"));
}

}  // namespace
}  // namespace hpcpat::run
