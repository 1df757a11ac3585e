// The MPI flavour of a program, read from ELF files built for this test (program_flavour.hpp).
#include "hpcpat/launch/program_flavour.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"

namespace hpcpat::launch {
namespace {
using Kind = LinkedMpi::Kind;

TEST(ProgramFlavour, SonamesOfBothFlavours) {
  EXPECT_EQ(flavour_of_soname("libmpi.so.40"), MpiFlavour::openmpi);
  EXPECT_EQ(flavour_of_soname("libmpi.so.40.30.4"), MpiFlavour::openmpi);
  EXPECT_EQ(flavour_of_soname("libmpich.so.12"), MpiFlavour::mpich);
  EXPECT_EQ(flavour_of_soname("libmpi.so.12"), MpiFlavour::mpich);  // MPICH ABI (Intel MPI)
  EXPECT_EQ(flavour_of_soname("libmpi_mpifh.so.40"), std::nullopt);  // not the C library
  EXPECT_EQ(flavour_of_soname("libmpi.so.4"), std::nullopt);
  EXPECT_EQ(flavour_of_soname("libc.so.6"), std::nullopt);
}

// The program needs only libflavour_chain.so; that library needs this build's MPI.
TEST(ProgramFlavour, FoundThroughALibrary) {
  const LinkedMpi m = linked_mpi(HPCPAT_CHAIN_PROGRAM);
  ASSERT_EQ(m.kind, Kind::mpi);
  EXPECT_EQ(flavour_name(*m.flavour), HPCPAT_BUILT_FLAVOUR);
  EXPECT_EQ(m.via, "libflavour_chain.so");
  EXPECT_EQ(flavour_of_soname(m.library), m.flavour);
}

TEST(ProgramFlavour, DirectDependency) {
  const LinkedMpi m = linked_mpi(HPCPAT_CHAIN_LIBRARY);
  ASSERT_EQ(m.kind, Kind::mpi);
  EXPECT_EQ(flavour_name(*m.flavour), HPCPAT_BUILT_FLAVOUR);
  EXPECT_EQ(m.via, "");
}

TEST(ProgramFlavour, ScriptsTextAndProgramsWithoutMpi) {
  test::ScratchDir scratch;
  EXPECT_EQ(linked_mpi(scratch.write("run.sh", "#!/bin/sh\nexec lmp\n")).kind, Kind::script);
  EXPECT_EQ(linked_mpi(scratch.write("notes.txt", "not an ELF file\n")).kind, Kind::unknown);
  EXPECT_EQ(linked_mpi(scratch.path() / "missing").kind, Kind::unknown);
  EXPECT_EQ(linked_mpi("/proc/self/exe").kind, Kind::none);  // this test, no MPI
}

}  // namespace
}  // namespace hpcpat::launch
