# cmake -DDIR=path -P clean_dir.cmake: an empty DIR, so that checks never read a previous run's files.
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
