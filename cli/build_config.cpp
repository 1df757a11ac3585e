#include "build_config.hpp"

namespace hpcpat::cli {

const BuildConfig &build_config() {
  static const BuildConfig config{
      HPCPAT_VERSION,    HPCPAT_GIT_SHA,         HPCPAT_DEFAULT_MPI,      HPCPAT_DEFAULT_MPIEXEC,
      HPCPAT_BIN_TO_LIB, HPCPAT_PMPI_BUILD_PATH, HPCPAT_SANITIZER_RUNTIME};
  return config;
}

}  // namespace hpcpat::cli
