// Facts fixed when hpcpat was configured: version, MPI flavour and launcher, where the interposer
// is installed relative to hpcpat, and where the build tree keeps it.
#pragma once

#include <string>

#include "hpcpat/run/run_request.hpp"

namespace hpcpat::cli {

struct BuildConfig {
  std::string version;            // project version, "0.1.0"
  std::string git_sha;            // of the source tree at configure time, or "unknown"
  std::string mpi_flavour;        // "openmpi" or "mpich" (HPCPAT_MPI)
  std::string mpiexec;            // MPIEXEC_EXECUTABLE of that flavour
  std::string bin_to_lib;         // relative path from the bin dir to the lib dir ("../lib")
  std::string bin_to_share;       // and to the data dir ("../share": the report's plotting files)
  std::string pmpi_build_path;    // the interposer in the build tree; empty if it was not built
  std::string sanitizer_runtime;  // runtime to preload before the interposer in sanitized builds
};

const BuildConfig &build_config();

// The installation facts every run request carries (harness/run's Installation), from this build.
run::Installation installation_facts();

}  // namespace hpcpat::cli
