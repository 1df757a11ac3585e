# cmake -DDIR=path [-DSUBDIRS=a;b] -P clean_dir.cmake: an empty DIR (holding empty SUBDIRS), so
# that checks never read a previous run's files.
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
foreach(sub IN LISTS SUBDIRS)
  file(MAKE_DIRECTORY "${DIR}/${sub}")
endforeach()
