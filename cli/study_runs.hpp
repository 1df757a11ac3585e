// The results store as the read-only commands open it (results, and the analyses: patterns,
// scaling, model, compare, history, report, export), and a study's runs turned into the analyses'
// RunSamples (analysis/runs), with each built-in app's duration and size knobs.
#pragma once

#include <string>
#include <vector>

#include "hpcpat/runs/run_sample.hpp"
#include "hpcpat/store/store.hpp"

namespace hpcpat::cli {

// Opens the store named by --results (results_dir.hpp), building the index first when there is
// none (it is only a cache of the folders), so a store copied without hpcpat.db reads the same.
// A folder with neither an index nor a study is no store: InputError, and nothing is written.
store::Store open_results_store(const std::string &results_flag, store::Store::Mode mode);

// Every complete run of `study`, in the index's order (run name). InputError when the store has
// no such study, naming the studies it has.
std::vector<runs::RunSample> load_study_runs(const store::Store &store, const std::string &study);

}  // namespace hpcpat::cli
