# Third-party libraries, all from Debian's packages (scripts/install-deps.sh installs them). Each
# is found here only once something links it.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(Python3 REQUIRED COMPONENTS Interpreter)   # runs the wrapper generator
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
pkg_check_modules(HWLOC REQUIRED IMPORTED_TARGET hwloc)
pkg_check_modules(FFTW3 REQUIRED IMPORTED_TARGET fftw3)
find_package(yaml-cpp REQUIRED)   # study specs (harness/study)

# Optional: compiled in when present and recorded in profiles.
pkg_check_modules(LIBFABRIC IMPORTED_TARGET libfabric)
set(HPCPAT_HAVE_LIBFABRIC ${LIBFABRIC_FOUND})
find_path(PAPI_INCLUDE_DIR papi.h)
find_library(PAPI_LIBRARY papi)
if(PAPI_INCLUDE_DIR AND PAPI_LIBRARY)
  set(HPCPAT_HAVE_PAPI TRUE)
  add_library(hpcpat::papi UNKNOWN IMPORTED)
  set_target_properties(hpcpat::papi PROPERTIES IMPORTED_LOCATION ${PAPI_LIBRARY}
                        INTERFACE_INCLUDE_DIRECTORIES ${PAPI_INCLUDE_DIR})
else()
  set(HPCPAT_HAVE_PAPI FALSE)
endif()

if(HPCPAT_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(HPCPAT_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

# Version stamp for profiles: the git sha of the source tree, or "unknown" outside a checkout.
execute_process(COMMAND git rev-parse --short=12 HEAD WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                OUTPUT_VARIABLE HPCPAT_GIT_SHA OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET RESULT_VARIABLE _git_rc)
# A container build copies the sources without .git and passes the sha in HPCPAT_SOURCE_SHA.
set(HPCPAT_SOURCE_SHA "" CACHE STRING "The git sha of sources that are not a checkout")
if(NOT _git_rc EQUAL 0 OR HPCPAT_GIT_SHA STREQUAL "")
  if(HPCPAT_SOURCE_SHA MATCHES "^[0-9a-f]+$")
    set(HPCPAT_GIT_SHA ${HPCPAT_SOURCE_SHA})
  else()
    set(HPCPAT_GIT_SHA unknown)
  endif()
endif()

# The results store's index (harness/store): Debian's libsqlite3-dev.
find_package(SQLite3 REQUIRED)
