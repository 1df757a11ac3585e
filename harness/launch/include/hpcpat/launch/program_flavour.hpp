// Which MPI flavour a program (or a library, the interposer included) is linked with, read from
// its ELF dynamic section before anything is started: its DT_NEEDED entries, followed through
// the libraries they name (LAMMPS's lmp needs liblammps.so.0, which needs libmpi.so.40), found as
// the dynamic linker would (DT_RPATH/DT_RUNPATH with $ORIGIN, LD_LIBRARY_PATH, ld.so.conf, the
// system directories). No process is run (no ldd, which may execute the file).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "hpcpat/launch/mpi_flavours.hpp"

namespace hpcpat::launch {

struct LinkedMpi {
  enum class Kind {
    mpi,      // linked with one flavour's libmpi: `flavour`, `library`, `via`
    none,     // a dynamic ELF that needs no MPI library (or a static one: MPI cannot be told)
    script,   // starts with "#!": what it runs is known only at run time
    unknown,  // not an ELF file we read (another format or class, unreadable)
  };
  Kind kind = Kind::unknown;
  std::optional<MpiFlavour> flavour;
  std::string library;  // the DT_NEEDED name that told, e.g. "libmpich.so.12"
  std::string via;      // the object that needs it when not the file itself, e.g. "liblammps.so.0"
};

LinkedMpi linked_mpi(const std::filesystem::path &file);

// The flavour a library's soname belongs to: libmpi.so.40 (Open MPI 3-5); libmpich.so.* and
// libmpi.so.12 (MPICH and its ABI, Intel MPI's among them). nullopt for anything else.
std::optional<MpiFlavour> flavour_of_soname(const std::string &name);

// "Open MPI" or "MPICH", as users name them.
std::string flavour_display_name(MpiFlavour f);

}  // namespace hpcpat::launch
