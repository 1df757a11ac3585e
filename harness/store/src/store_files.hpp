// The study's own files (study.yaml, study.json) and the index's, shared by the store and its
// reindex.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "index_db.hpp"

namespace hpcpat::store {

// study.json's text: the spec's SHA-256, when the study was started, and the plan's run names.
std::string study_plan_json(const std::string &study, const std::string &spec_sha256,
                            const std::string &created_at, const std::vector<std::string> &runs);

// The studies row from RESULTS/<study>/study.json; throws InputError naming file and field.
StudyRow read_study_plan(const std::filesystem::path &file, const std::string &study);

// Writes `text` to `path` atomically (core/base's writer); throws std::runtime_error saying why.
void write_atomically(const std::filesystem::path &path, const std::string &text);

// "RESULTS/hpcpat.db: <what>; ..." the hint every index problem ends with.
std::string index_problem(const std::filesystem::path &db, const std::string &what);

}  // namespace hpcpat::store
