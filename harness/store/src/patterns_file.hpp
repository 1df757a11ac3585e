// A run's patterns.json as the index sees it: the labels column's text (Store::put_patterns and
// reindex share it).
#pragma once

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace hpcpat::store {

// "halo:0.82,allreduce-heavy:0.61" from the document's "labels" array, in its order. Throws
// InputError naming `source`, the field and what was expected.
std::string labels_column(const nlohmann::json &patterns, const std::string &source);

// The labels column from a run folder's patterns.json; "" when the run has none. Throws
// InputError when the file cannot be read or is not a patterns document.
std::string read_labels(const std::filesystem::path &run_dir);

}  // namespace hpcpat::store
