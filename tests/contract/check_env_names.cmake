# cmake -DROOT=<source dir> -P check_env_names.cmake
# contract.h is the one owner of the HPCPAT_* names: no C++ source outside include/ and tests/
# may spell one as a string literal (build-time -D definitions in CMake files are not env names).
file(GLOB_RECURSE sources RELATIVE ${ROOT}
     ${ROOT}/core/*.cpp ${ROOT}/core/*.hpp ${ROOT}/interposer/*.cpp ${ROOT}/interposer/*.hpp
     ${ROOT}/workloads/*.cpp ${ROOT}/workloads/*.hpp ${ROOT}/analysis/*.cpp ${ROOT}/analysis/*.hpp
     ${ROOT}/harness/*.cpp ${ROOT}/harness/*.hpp ${ROOT}/cli/*.cpp ${ROOT}/cli/*.hpp)
set(offenders "")
foreach(f IN LISTS sources)
  file(STRINGS ${ROOT}/${f} hits REGEX "\"HPCPAT_[A-Z_]+")
  if(hits)
    list(APPEND offenders "${f}")
  endif()
endforeach()
if(offenders)
  list(JOIN offenders "\n  " shown)
  message(FATAL_ERROR "HPCPAT_* names spelled as string literals outside include/hpcpat/contract.h:"
                      "\n  ${shown}\nexpected hpcpat::contract::kEnv* (or env_name(Setting::...)).")
endif()
