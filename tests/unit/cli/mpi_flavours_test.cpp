// The flavour table (harness/launch/mpi_flavours.json, compiled in) is complete for both flavours,
// and its templates are filled in one pass: a user's value that looks like a field stays as it is.
#include "hpcpat/launch/mpi_flavours.hpp"

#include <gtest/gtest.h>

#include "hpcpat/base/input_error.hpp"

namespace hpcpat::launch {
namespace {

using Argv = std::vector<std::string>;

TEST(MpiFlavours, TableGivesEachFlavourItsLauncherAndFlags) {
  const FlavourFlags &ompi = flavour_flags(MpiFlavour::openmpi);
  const FlavourFlags &mpich = flavour_flags(MpiFlavour::mpich);
  EXPECT_EQ(ompi.launcher, "mpirun.openmpi");
  EXPECT_EQ(mpich.launcher, "mpiexec.mpich");
  EXPECT_EQ(ompi.as_root, (Argv{"--allow-run-as-root"}));
  EXPECT_TRUE(mpich.as_root.empty());
  EXPECT_EQ(ompi.rank_env, (Argv{"-x", "{name}={value}"}));
  EXPECT_EQ(mpich.rank_env, (Argv{"-genv", "{name}", "{value}"}));
  EXPECT_EQ(mpich.keep_ranks_after_a_death, (Argv{"-disable-auto-cleanup"}));
  EXPECT_EQ(ompi.keep_user_environment, (Argv{"--noprefix"}));
  EXPECT_TRUE(mpich.keep_user_environment.empty());
}

TEST(MpiFlavours, ExpandFillsEveryFieldOnce) {
  EXPECT_EQ(expand({"-x", "{name}={value}"}, {{"name", "A"}, {"value", "1"}}),
            (Argv{"-x", "A=1"}));
  EXPECT_EQ(expand({"ppr:{per_node}:node"}, {{"per_node", "3"}}), (Argv{"ppr:3:node"}));
}

TEST(MpiFlavours, ExpandNeverRereadsAValue) {
  EXPECT_EQ(expand({"{name}={value}"}, {{"name", "{value}"}, {"value", "{name}"}}),
            (Argv{"{value}={name}"}));
  EXPECT_EQ(expand({"{unknown} {name"}, {{"name", "x"}}), (Argv{"{unknown} {name"}));
  EXPECT_EQ(expand({""}, {}), (Argv{""}));
}

TEST(MpiFlavours, ParseFlavourNamesTheFlag) {
  EXPECT_EQ(parse_flavour("mpich", "--mpi"), MpiFlavour::mpich);
  try {
    parse_flavour("intel", "--mpi");
    FAIL() << "intel accepted";
  } catch (const InputError &e) {
    EXPECT_STREQ(e.what(), "--mpi: expected openmpi or mpich, got 'intel'");
  }
}

}  // namespace
}  // namespace hpcpat::launch
