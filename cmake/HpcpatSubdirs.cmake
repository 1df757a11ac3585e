# hpcpat_add_subdirectories(a b c): adds each listed folder that exists. Lets a layer list all of
# its parts in one place while parts are still arriving.
function(hpcpat_add_subdirectories)
  foreach(dir IN LISTS ARGN)
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/CMakeLists.txt)
      add_subdirectory(${dir})
    endif()
  endforeach()
endfunction()
