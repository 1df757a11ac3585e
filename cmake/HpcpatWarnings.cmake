# Warning and sanitizer flags, applied to every target of the project.
add_compile_options(-Wall -Wextra -Wpedantic)
if(HPCPAT_WERROR)
  add_compile_options(-Werror)
endif()
if(HPCPAT_SANITIZE)
  add_compile_options(-fsanitize=${HPCPAT_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${HPCPAT_SANITIZE})
  # The interposer is preloaded into programs that are not sanitized themselves (mpirun's ranks,
  # /bin/true, Debian's lmp); the sanitizer runtime must then be preloaded first.
  if(HPCPAT_SANITIZE MATCHES "address")
    execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libasan.so
                    OUTPUT_VARIABLE HPCPAT_SANITIZER_RUNTIME OUTPUT_STRIP_TRAILING_WHITESPACE)
  elseif(HPCPAT_SANITIZE MATCHES "thread")
    execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libtsan.so
                    OUTPUT_VARIABLE HPCPAT_SANITIZER_RUNTIME OUTPUT_STRIP_TRAILING_WHITESPACE)
  endif()
endif()
