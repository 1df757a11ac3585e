// The program, the launcher and the interposer must speak one MPI flavour (issue 11, defect 5):
// an Open MPI program under mpiexec.mpich runs as N singletons, and an interposer of the other
// flavour can only step aside. Checked from the files before anything is started.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "hpcpat/launch/mpi_flavours.hpp"
#include "hpcpat/run/run_request.hpp"

namespace hpcpat::run {

// Throws InputError naming the program's flavour (and the library that told) and the launcher's
// (--mpi) or the interposer's when they differ. Returns notes for what cannot be checked (a
// script, whose MPI is known only at run time), one line each.
std::vector<std::string> check_mpi_flavours(const RunRequest &request, launch::MpiFlavour chosen,
                                            const std::filesystem::path &interposer);

}  // namespace hpcpat::run
