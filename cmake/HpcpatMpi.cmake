# Selects the MPI flavour before FindMPI runs. Debian installs both flavours side by side with
# suffixed wrappers (mpicc.openmpi, mpicc.mpich), so pointing FindMPI at those wrappers picks the
# flavour exactly, whatever the alternatives system currently points mpicc at.
#
# How each flavour's launcher is told things is data, harness/launch/mpi_flavours.json, read here
# for the test helpers and compiled into the C++ launcher: no flag is spelled twice.
file(READ ${PROJECT_SOURCE_DIR}/harness/launch/mpi_flavours.json HPCPAT_MPI_FLAVOURS_JSON)
# file(READ) alone does not make an edit of the table re-run the configure step (and so refill
# the compiled-in copy): say so.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${PROJECT_SOURCE_DIR}/harness/launch/mpi_flavours.json)
string(JSON _flavour ERROR_VARIABLE _no_flavour GET "${HPCPAT_MPI_FLAVOURS_JSON}" "${HPCPAT_MPI}")
if(_no_flavour OR HPCPAT_MPI MATCHES "^_")
  message(FATAL_ERROR "HPCPAT_MPI='${HPCPAT_MPI}': expected openmpi or mpich")
endif()

# hpcpat_flavour_args(OUT key): the flavour's argument template `key` as a CMake list.
function(hpcpat_flavour_args out key)
  string(JSON n LENGTH "${_flavour}" ${key})
  set(args)
  if(n GREATER 0)
    math(EXPR last "${n} - 1")
    foreach(i RANGE ${last})
      string(JSON arg GET "${_flavour}" ${key} ${i})
      list(APPEND args "${arg}")
    endforeach()
  endif()
  set(${out} ${args} PARENT_SCOPE)
endfunction()

string(JSON _launcher GET "${_flavour}" launcher)

foreach(_lang C CXX Fortran)
  set(_wrapper_C mpicc)
  set(_wrapper_CXX mpicxx)
  set(_wrapper_Fortran mpifort)
  find_program(_found NAMES ${_wrapper_${_lang}}.${HPCPAT_MPI} NO_CACHE)
  if(_found AND NOT MPI_${_lang}_COMPILER)
    set(MPI_${_lang}_COMPILER ${_found} CACHE FILEPATH "MPI ${_lang} wrapper")
  endif()
  unset(_found)
endforeach()
find_program(_mpiexec NAMES ${_launcher} NO_CACHE)
if(_mpiexec AND NOT MPIEXEC_EXECUTABLE)
  set(MPIEXEC_EXECUTABLE ${_mpiexec} CACHE FILEPATH "MPI launcher")
endif()

find_package(MPI 3.1 REQUIRED COMPONENTS C CXX Fortran)

# Flags every test launch needs on this kind of machine: root (CI runs as root) and more ranks
# than cores; and the template that passes one variable to the ranks (-x NAME=VALUE for Open MPI,
# -genv NAME VALUE for MPICH), never to the launcher itself.
hpcpat_flavour_args(_as_root as_root)
hpcpat_flavour_args(_oversubscribe oversubscribe)
set(HPCPAT_MPIEXEC_FLAGS ${_as_root} ${_oversubscribe} CACHE STRING "Extra launcher flags")
hpcpat_flavour_args(HPCPAT_MPIEXEC_RANK_ENV rank_env)
hpcpat_flavour_args(HPCPAT_MPIEXEC_KEEP_RANKS keep_ranks_after_a_death)

# The deprecated MPI C++ bindings are never used; skipping them keeps -Wextra -Werror builds clean
# (Open MPI's mpicxx.h trips -Wcast-function-type).
add_compile_definitions(OMPI_SKIP_MPICXX=1 MPICH_SKIP_MPICXX=1)
