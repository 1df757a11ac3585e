#include "build_config.hpp"

namespace hpcpat::cli {

const BuildConfig &build_config() {
  static const BuildConfig config{
      HPCPAT_VERSION,    HPCPAT_GIT_SHA,         HPCPAT_DEFAULT_MPI,      HPCPAT_DEFAULT_MPIEXEC,
      HPCPAT_BIN_TO_LIB, HPCPAT_BIN_TO_SHARE,    HPCPAT_PMPI_BUILD_PATH,  HPCPAT_SANITIZER_RUNTIME};
  return config;
}

run::Installation installation_facts() {
  const BuildConfig &c = build_config();
  return {c.mpi_flavour, c.mpiexec, c.bin_to_lib, c.pmpi_build_path, c.sanitizer_runtime};
}

}  // namespace hpcpat::cli
