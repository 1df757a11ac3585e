# cmake -DHPCPAT=<hpcpat> -DDOC=<docs/settings.md> -P check_settings_doc.cmake
# docs/settings.md is generated: it must equal `hpcpat --help-env --markdown` byte for byte.
execute_process(COMMAND ${HPCPAT} --help-env --markdown OUTPUT_VARIABLE generated
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "'${HPCPAT} --help-env --markdown' exited with ${rc}")
endif()
file(READ ${DOC} documented)
if(NOT generated STREQUAL documented)
  message(FATAL_ERROR "${DOC} differs from `hpcpat --help-env --markdown` (the settings table, "
                      "include/hpcpat/settings.def); expected them equal. Regenerate with:\n"
                      "  ${HPCPAT} --help-env --markdown > ${DOC}")
endif()
