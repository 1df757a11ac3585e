# cmake -DHPCPAT=<hpcpat> -DDOC=<docs/patterns.md> -P check_thresholds_doc.cmake
# docs/patterns.md states every threshold of the rules: its table (from the "| threshold |" header
# to the first blank line) must equal what `hpcpat patterns --thresholds-markdown` prints from
# kThresholds, byte for byte: no row missing, changed or left over.
execute_process(COMMAND ${HPCPAT} patterns --thresholds-markdown OUTPUT_VARIABLE generated
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "'${HPCPAT} patterns --thresholds-markdown' exited with ${rc}")
endif()
file(READ ${DOC} documented)
string(FIND "${documented}" "| threshold |" start)
set(table "")
if(NOT start EQUAL -1)
  string(SUBSTRING "${documented}" ${start} -1 rest)
  string(FIND "${rest}" "\n\n" end)
  if(NOT end EQUAL -1)
    math(EXPR end "${end} + 1")  # keep the last row's newline, as the command prints it
    string(SUBSTRING "${rest}" 0 ${end} table)
  endif()
endif()
if(NOT table STREQUAL generated)
  message(FATAL_ERROR "${DOC}: its threshold table differs from `hpcpat patterns "
                      "--thresholds-markdown` (kThresholds, analysis/patterns rules.hpp); expected "
                      "them equal. The table is now:\n${generated}\nthe document has:\n${table}")
endif()
