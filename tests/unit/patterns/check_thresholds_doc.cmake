# cmake -DHPCPAT=<hpcpat> -DDOC=<docs/patterns.md> -P check_thresholds_doc.cmake
# docs/patterns.md states every threshold of the rules: it must contain the table that
# `hpcpat patterns --thresholds-markdown` prints from kThresholds, byte for byte.
execute_process(COMMAND ${HPCPAT} patterns --thresholds-markdown OUTPUT_VARIABLE generated
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "'${HPCPAT} patterns --thresholds-markdown' exited with ${rc}")
endif()
file(READ ${DOC} documented)
string(FIND "${documented}" "${generated}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${DOC} does not contain the threshold table of `hpcpat patterns "
                      "--thresholds-markdown` (kThresholds, analysis/patterns rules.hpp); expected "
                      "it verbatim under 'Thresholds'. The table is now:\n${generated}")
endif()
