// What a run's files add to its record, read once by finish_run: from the profile (through
// analysis/profile's reader) the MPI fraction median and max over ranks, the top MPI call, and the
// hosts, MPI library and container when the runner left them empty; from the app's summary the
// figure of merit the record names. Kept in record.json, so that reindex reads records alone.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "hpcpat/store/index_row.hpp"
#include "hpcpat/store/run_record.hpp"

namespace hpcpat::store {

// Sets record.figures (and the empty hosts, MPI library, container) from the files the record
// names inside `run_dir`. Never throws for their content: returns one line per file that could
// not be used, naming the file and the field; the figures it would have given stay empty.
std::vector<std::string> derive_from_files(RunRecord &record, const std::filesystem::path &run_dir);

// The index row of a record.
IndexRow index_row(const RunRecord &record);

}  // namespace hpcpat::store
