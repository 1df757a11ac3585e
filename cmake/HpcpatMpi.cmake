# Selects the MPI flavour before FindMPI runs. Debian installs both flavours side by side with
# suffixed wrappers (mpicc.openmpi, mpicc.mpich), so pointing FindMPI at those wrappers picks the
# flavour exactly, whatever the alternatives system currently points mpicc at.
if(HPCPAT_MPI STREQUAL "openmpi")
  set(_launcher mpirun.openmpi)
elseif(HPCPAT_MPI STREQUAL "mpich")
  set(_launcher mpiexec.mpich)
else()
  message(FATAL_ERROR "HPCPAT_MPI='${HPCPAT_MPI}': expected openmpi or mpich")
endif()

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

# Flags every test launch needs on this kind of machine: Open MPI refuses root without them and
# refuses more ranks than cores. MPICH's hydra needs neither.
if(HPCPAT_MPI STREQUAL "openmpi")
  set(HPCPAT_MPIEXEC_FLAGS --allow-run-as-root --oversubscribe CACHE STRING "Extra launcher flags")
  set(HPCPAT_MPIEXEC_ENV_FLAG -x)   # -x NAME=VALUE passes NAME to the ranks
else()
  set(HPCPAT_MPIEXEC_FLAGS "" CACHE STRING "Extra launcher flags")
  set(HPCPAT_MPIEXEC_ENV_FLAG -genv) # -genv NAME VALUE
endif()

# The deprecated MPI C++ bindings are never used; skipping them keeps -Wextra -Werror builds clean
# (Open MPI's mpicxx.h trips -Wcast-function-type).
add_compile_definitions(OMPI_SKIP_MPICXX=1 MPICH_SKIP_MPICXX=1)
