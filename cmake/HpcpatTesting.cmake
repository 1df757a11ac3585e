# hpcpat_rank_env_args(OUT NAME=VALUE...): the launcher arguments that pass each variable to the
# ranks (HPCPAT_MPIEXEC_RANK_ENV, from harness/launch/mpi_flavours.json).
function(hpcpat_rank_env_args out)
  set(args)
  foreach(kv IN LISTS ARGN)
    string(FIND "${kv}" "=" eq)
    string(SUBSTRING "${kv}" 0 ${eq} name)
    math(EXPR vstart "${eq} + 1")
    string(SUBSTRING "${kv}" ${vstart} -1 value)
    foreach(arg IN LISTS HPCPAT_MPIEXEC_RANK_ENV)
      string(REPLACE "{name}" "${name}" arg "${arg}")
      string(REPLACE "{value}" "${value}" arg "${arg}")
      list(APPEND args "${arg}")
    endforeach()
  endforeach()
  set(${out} ${args} PARENT_SCOPE)
endfunction()

# hpcpat_add_mpi_test: one ctest test that runs COMMAND under the configured MPI launcher.
#
#   hpcpat_add_mpi_test(NAME name NP ranks COMMAND exe args...
#                       [PRELOAD]                 # LD_PRELOAD the interposer into the ranks only
#                       [ENV NAME=VALUE ...]      # environment passed to the ranks
#                       [TIMEOUT seconds] [LABELS ...] [RUN_SERIAL]
#                       [FIXTURES_SETUP f] [FIXTURES_REQUIRED f])
#
# Environment goes through the launcher's own flag (HPCPAT_MPIEXEC_RANK_ENV) so that the preload
# reaches the ranks and never the launcher itself.
function(hpcpat_add_mpi_test)
  cmake_parse_arguments(T "PRELOAD;RUN_SERIAL" "NAME;NP;TIMEOUT"
                        "COMMAND;ENV;LABELS;FIXTURES_SETUP;FIXTURES_REQUIRED" ${ARGN})
  if(NOT T_NAME OR NOT T_NP OR NOT T_COMMAND)
    message(FATAL_ERROR "hpcpat_add_mpi_test needs NAME, NP and COMMAND")
  endif()
  set(env ${T_ENV})
  if(T_PRELOAD)
    set(preload $<TARGET_FILE:hpcpat-pmpi>)
    if(HPCPAT_SANITIZER_RUNTIME)
      set(preload "${HPCPAT_SANITIZER_RUNTIME}:${preload}")
    endif()
    list(APPEND env "LD_PRELOAD=${preload}")
  endif()
  hpcpat_rank_env_args(env_args ${env})
  add_test(NAME ${T_NAME}
           COMMAND ${MPIEXEC_EXECUTABLE} ${HPCPAT_MPIEXEC_FLAGS} ${MPIEXEC_NUMPROC_FLAG} ${T_NP}
                   ${env_args} ${T_COMMAND})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT} LABELS "mpi;${T_LABELS}"
                       PROCESSORS ${T_NP})
  if(T_RUN_SERIAL)
    set_tests_properties(${T_NAME} PROPERTIES RUN_SERIAL TRUE)
  endif()
  if(T_FIXTURES_SETUP)
    set_tests_properties(${T_NAME} PROPERTIES FIXTURES_SETUP "${T_FIXTURES_SETUP}")
  endif()
  if(T_FIXTURES_REQUIRED)
    set_tests_properties(${T_NAME} PROPERTIES FIXTURES_REQUIRED "${T_FIXTURES_REQUIRED}")
  endif()
endfunction()

# hpcpat_add_check_test(NAME name AFTER fixture COMMAND script args... [LABELS ...] [TIMEOUT s])
#
# A checker script, run with HPCPAT_SYSTEM_PYTHON once the tests that set up `fixture` have
# written what it reads. LABELS are set as given.
function(hpcpat_add_check_test)
  cmake_parse_arguments(T "" "NAME;AFTER;TIMEOUT" "COMMAND;LABELS" ${ARGN})
  if(NOT T_NAME OR NOT T_AFTER OR NOT T_COMMAND)
    message(FATAL_ERROR "hpcpat_add_check_test needs NAME, AFTER and COMMAND")
  endif()
  add_test(NAME ${T_NAME} COMMAND ${HPCPAT_SYSTEM_PYTHON} ${T_COMMAND})
  set_tests_properties(${T_NAME} PROPERTIES FIXTURES_REQUIRED "${T_AFTER}" LABELS "${T_LABELS}")
  if(T_TIMEOUT)
    set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT})
  endif()
endfunction()

# hpcpat_add_refusal_test(NAME name NP ranks (STDERR_ONCE text | STDERR regex) COMMAND exe args...
#                         [LABELS ...] [TIMEOUT s])
#
# Bad input under the launcher: `exe args` on NP ranks must exit with status exactly 2 (checked on
# the launcher's own status by tests/tools/expect_exit.py) and print `text` once on stderr, or
# stderr must match `regex`. Labelled mpi plus LABELS.
function(hpcpat_add_refusal_test)
  cmake_parse_arguments(T "" "NAME;NP;STDERR_ONCE;STDERR;TIMEOUT" "COMMAND;LABELS" ${ARGN})
  if(NOT T_NAME OR NOT T_NP OR NOT T_COMMAND OR (NOT T_STDERR_ONCE AND NOT T_STDERR))
    message(FATAL_ERROR "hpcpat_add_refusal_test needs NAME, NP, STDERR_ONCE or STDERR, COMMAND")
  endif()
  set(expect)
  # The --flag=value form: a message may itself start with '--'.
  if(T_STDERR_ONCE)
    list(APPEND expect "--stderr-once=${T_STDERR_ONCE}")
  endif()
  if(T_STDERR)
    list(APPEND expect "--stderr=${T_STDERR}")
  endif()
  add_test(NAME ${T_NAME}
           COMMAND ${HPCPAT_SYSTEM_PYTHON} ${PROJECT_SOURCE_DIR}/tests/tools/expect_exit.py --code 2
                   ${expect} -- ${MPIEXEC_EXECUTABLE} ${HPCPAT_MPIEXEC_FLAGS}
                   ${MPIEXEC_NUMPROC_FLAG} ${T_NP} ${T_COMMAND})
  set_tests_properties(${T_NAME} PROPERTIES LABELS "mpi;${T_LABELS}" PROCESSORS ${T_NP})
  if(T_TIMEOUT)
    set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT})
  endif()
endfunction()

# Python with Debian's jsonschema and yaml modules: checkers that validate what we write.
# /usr/bin/python3 is Debian's; a python3 earlier on PATH (pyenv) lacks those packages.
find_program(HPCPAT_SYSTEM_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT HPCPAT_SYSTEM_PYTHON)
  set(HPCPAT_SYSTEM_PYTHON ${Python3_EXECUTABLE})
endif()

# hpcpat_add_help_test(NAME name STDOUT regex COMMAND exe args... [LABELS ...])
#
# `exe --help` on one rank under the launcher: exit status 0 and stdout matching `regex` (e.g. an
# option's bounds and default, "--n INT:1..1000000000=64").
function(hpcpat_add_help_test)
  cmake_parse_arguments(T "" "NAME;STDOUT" "COMMAND;LABELS" ${ARGN})
  add_test(NAME ${T_NAME}
           COMMAND ${HPCPAT_SYSTEM_PYTHON} ${PROJECT_SOURCE_DIR}/tests/tools/expect_exit.py --code 0
                   "--stdout=${T_STDOUT}" -- ${MPIEXEC_EXECUTABLE} ${HPCPAT_MPIEXEC_FLAGS}
                   ${MPIEXEC_NUMPROC_FLAG} 1 ${T_COMMAND} --help)
  set_tests_properties(${T_NAME} PROPERTIES LABELS "mpi;${T_LABELS}" TIMEOUT 60)
endfunction()
