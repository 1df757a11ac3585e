// The LAMMPS log parser on real logs of Debian's LAMMPS (29 Sep 2021 - Update 2): every figure the
// harness records, with the exact values printed in the logs.
#include "hpcpat/lammps/lammps_log.hpp"

#include <gtest/gtest.h>

#include <sstream>

using hpcpat::lammps::LogError;
using hpcpat::lammps::parse_log;
using hpcpat::lammps::parse_log_file;

namespace {
const std::string kData = LAMMPS_LOG_DATA_DIR;
}

TEST(LammpsLog, LennardJonesTwoRanks) {
  const auto log = parse_log_file(kData + "/lj_x8_np2.log");
  EXPECT_EQ(log.version, "29 Sep 2021 - Update 2");
  ASSERT_EQ(log.runs.size(), 1u);
  const auto &run = log.last();
  EXPECT_DOUBLE_EQ(run.loop_time_s, 0.674906);
  EXPECT_EQ(run.procs, 2);
  EXPECT_EQ(run.steps, 100);
  EXPECT_EQ(run.atoms, 2048);
  EXPECT_DOUBLE_EQ(run.atom_steps_per_s(), 2048 * 100 / 0.674906);
  ASSERT_TRUE(run.timesteps_per_s);
  EXPECT_DOUBLE_EQ(*run.timesteps_per_s, 148.169);
  ASSERT_TRUE(run.time_units_per_day);
  EXPECT_DOUBLE_EQ(*run.time_units_per_day, 64008.892);
  EXPECT_EQ(run.time_unit, "tau");
  ASSERT_TRUE(run.cpu_use_percent);
  EXPECT_DOUBLE_EQ(*run.cpu_use_percent, 27.0);
  ASSERT_EQ(run.sections.size(), 6u);
  const auto &comm = run.sections.at("Comm");
  EXPECT_DOUBLE_EQ(*comm.min_s, 0.44945);
  EXPECT_DOUBLE_EQ(*comm.avg_s, 0.48579);
  EXPECT_DOUBLE_EQ(*comm.max_s, 0.52213);
  EXPECT_DOUBLE_EQ(*comm.varavg_percent, 5.2);
  EXPECT_DOUBLE_EQ(comm.total_percent, 71.98);
  ASSERT_TRUE(run.comm_fraction());
  EXPECT_DOUBLE_EQ(*run.comm_fraction(), 0.7198);
  const auto &other = run.sections.at("Other");  // only avg and %total are printed for Other
  EXPECT_FALSE(other.min_s);
  EXPECT_DOUBLE_EQ(*other.avg_s, 0.007545);
  EXPECT_FALSE(other.max_s);
  EXPECT_DOUBLE_EQ(other.total_percent, 1.12);
  EXPECT_DOUBLE_EQ(run.sections.at("Pair").total_percent, 21.13);
}

TEST(LammpsLog, EamMetalUnitsOneRank) {
  const auto log = parse_log_file(kData + "/eam_x6_np1.log");
  const auto &run = log.last();
  EXPECT_EQ(run.procs, 1);
  EXPECT_EQ(run.atoms, 864);
  EXPECT_DOUBLE_EQ(run.loop_time_s, 0.276324);
  EXPECT_DOUBLE_EQ(*run.timesteps_per_s, 361.895);
  EXPECT_EQ(run.time_unit, "ns");  // metal units: ns/day, hours/ns
  EXPECT_DOUBLE_EQ(*run.time_units_per_day, 156.338);
  EXPECT_DOUBLE_EQ(*run.comm_fraction(), 0.0065);
  EXPECT_DOUBLE_EQ(*run.sections.at("Output").min_s, 7.958e-05);
}

TEST(LammpsLog, SeveralRunsAreKeptInOrder) {
  std::istringstream in(
      "LAMMPS (2 Aug 2023)\n"
      "Loop time of 1.5 on 4 procs for 10 steps with 100 atoms\n\n"
      "Performance: 1.0 tau/day, 6.6 timesteps/s\n"
      "Step Temp E_pair\n"
      "      10   0.75   -5.7\n"  // a second run's thermo row: no figure of the first run
      "Loop time of 3 on 4 procs for 20 steps with 100 atoms\n");
  const auto log = parse_log(in, "two-runs");
  ASSERT_EQ(log.runs.size(), 2u);
  EXPECT_DOUBLE_EQ(*log.runs[0].timesteps_per_s, 6.6);
  EXPECT_FALSE(log.runs[0].cpu_use_percent);
  EXPECT_EQ(log.last().steps, 20);
  EXPECT_FALSE(log.last().timesteps_per_s);
  EXPECT_FALSE(log.last().comm_fraction());  // no timing table ("timer off")
}

TEST(LammpsLog, TruncatedLogIsRejectedWithItsName) {
  std::istringstream in("LAMMPS (29 Sep 2021)\nStep Temp\n 0 1.44\n");
  try {
    parse_log(in, "crashed.log");
    FAIL() << "expected LogError";
  } catch (const LogError &e) {
    EXPECT_NE(std::string(e.what()).find("crashed.log"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("Loop time"), std::string::npos) << e.what();
  }
}

TEST(LammpsLog, MalformedTimingRowNamesTheLine) {
  std::istringstream in(
      "Loop time of 1 on 1 procs for 1 steps with 1 atoms\n"
      "Section |  min time  |  avg time  |  max time  |%varavg| %total\n"
      "---------------------------------------------------------------\n"
      "Pair    | 0.1 | 0.1 | 0.1 | 0.0 | lots\n");
  EXPECT_THROW(
      {
        try {
          parse_log(in, "bad.log");
        } catch (const LogError &e) {
          EXPECT_NE(std::string(e.what()).find("bad.log:4"), std::string::npos) << e.what();
          throw;
        }
      },
      LogError);
}

TEST(LammpsLog, MissingFileIsAnError) {
  EXPECT_THROW(parse_log_file(kData + "/does-not-exist.log"), LogError);
}
