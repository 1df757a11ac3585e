// The results store (store.hpp): folders first, the index after, one transaction per write.
#include "hpcpat/store/store.hpp"

#include <stdexcept>
#include <system_error>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/text_file.hpp"
#include "index_db.hpp"
#include "row_facts.hpp"
#include "sha256.hpp"
#include "store_files.hpp"
#include "store_names.hpp"

namespace hpcpat::store {

namespace fs = std::filesystem;

namespace {

std::unique_ptr<IndexDb> open_index(const fs::path &file, bool replace_damaged) {
  try {
    return std::make_unique<IndexDb>(file);
  } catch (const IndexError &e) {
    if (!replace_damaged || !e.damaged()) throw InputError(index_problem(file, e.what()));
  }
  // The index is only a cache of the folders: a damaged one is removed and made anew (never one
  // that is merely busy: another process may be writing it).
  for (const char *suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    fs::remove(fs::path(file.string() + suffix), ec);
  }
  try {
    return std::make_unique<IndexDb>(file);
  } catch (const IndexError &e) {
    throw InputError(index_problem(file, e.what()));
  }
}

bool is_regular(const fs::path &p) {
  std::error_code ec;
  return fs::is_regular_file(fs::symlink_status(p, ec));
}

}  // namespace

Store::Store(fs::path dir, Mode mode) {
  std::error_code ec;
  if (mode == Mode::create && !fs::exists(dir, ec)) fs::create_directory(dir, ec);
  if (!fs::is_directory(dir, ec)) {
    throw InputError("results folder '" + dir.string() + "' " +
                     (fs::exists(dir) ? "is not a folder" : "does not exist") +
                     "; expected the folder of a results store");
  }
  dir_ = fs::absolute(dir).lexically_normal();
  db_ = open_index(dir_ / kIndexFile, mode == Mode::rebuild);
}

Store::~Store() = default;
Store::Store(Store &&) noexcept = default;
Store &Store::operator=(Store &&) noexcept = default;

std::vector<std::string> Store::start_study(const std::string &study, std::string_view spec_text,
                                            const std::vector<std::string> &run_names,
                                            bool resume) {
  check_name("study name", study);
  // Names the store's own files take beside the folders: hpcpat.db (and its -wal, -shm) beside
  // the studies, study.yaml and study.json beside the runs.
  if (study.starts_with(kIndexFile)) {
    throw InputError("study name '" + study + "': taken by the index (" + std::string(kIndexFile) +
                     "); expected another name");
  }
  for (const std::string &run : run_names) {
    check_name("run name", run);
    if (run == kStudySpecFile || run == kStudyPlanFile || run == kEnsemblePlanFile) {
      throw InputError("run name '" + run + "': taken by the study's own file; expected another "
                       "name");
    }
  }
  const fs::path study_dir = dir_ / study;
  check_contained(dir_, study_dir);
  const std::string sha = sha256_hex(spec_text);
  const fs::path spec_file = study_dir / kStudySpecFile;
  if (is_regular(spec_file)) {
    const std::string had = sha256_hex(read_text_file(spec_file));
    if (had != sha) {
      throw InputError("study '" + study + "' already exists in '" + dir_.string() +
                       "' with another spec (sha256 " + had + ", given " + sha +
                       "); expected the same spec to resume it, or another study name");
    }
    if (!resume) {
      throw InputError("study '" + study + "' already exists in '" + dir_.string() +
                       "'; expected --resume to finish it, or another study name");
    }
  }
  std::error_code ec;
  fs::create_directory(study_dir, ec);
  if (ec) throw std::runtime_error("cannot create '" + study_dir.string() + "': " + ec.message());
  StudyRow row{study, sha, time_point_now().utc, static_cast<long long>(run_names.size())};
  if (is_regular(study_dir / kStudyPlanFile)) {  // resuming: the study began earlier
    try {
      row.created_at = read_study_plan(study_dir / kStudyPlanFile, study).created_at;
    } catch (const InputError &) {
      // a damaged plan file is rewritten below with today's date
    }
  }
  // study.yaml last: it is what says the study exists (the check above).
  write_atomically(study_dir / kStudyPlanFile,
                   study_plan_json(study, sha, row.created_at, run_names));
  write_atomically(spec_file, std::string(spec_text));
  try {
    Transaction t(db_->handle());
    db_->put_study(row);
    t.commit();
  } catch (const IndexError &e) {
    return {index_problem(dir_ / kIndexFile, "study '" + study + "' not indexed: " + e.what())};
  }
  return {};
}

fs::path Store::run_path(const std::string &study, const std::string &run) const {
  check_name("study name", study);
  check_name("run name", run);
  return dir_ / study / run;
}

fs::path Store::run_dir(const std::string &study, const std::string &run) {
  const fs::path path = run_path(study, run);
  if (!is_regular(dir_ / study / kStudySpecFile)) {
    throw std::logic_error("run_dir('" + study + "', '" + run +
                           "'): the study was not started (start_study)");
  }
  check_contained(dir_, path);
  if (is_complete(study, run)) {
    throw std::logic_error("run_dir('" + study + "', '" + run + "'): the run is complete");
  }
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(path, ec);
  if (fs::is_symlink(st) || (fs::exists(st) && !fs::is_directory(st))) {
    throw InputError("'" + path.string() + "' is not a folder; expected a run folder");
  }
  if (fs::exists(st)) {  // an interrupted run's leftovers: the run starts again from nothing
    for (const fs::directory_entry &e : fs::directory_iterator(path)) fs::remove_all(e.path());
  }
  fs::create_directory(path, ec);
  if (ec) throw std::runtime_error("cannot create '" + path.string() + "': " + ec.message());
  return path;
}

bool Store::is_complete(const std::string &study, const std::string &run) const {
  return is_regular(run_path(study, run) / kRecordFile);
}

std::vector<std::string> Store::finish_run(const RunRecord &given) {
  const fs::path path = run_path(given.study, given.run);
  check_contained(dir_, path);
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(path, ec))) {
    throw std::logic_error("finish_run('" + given.study + "', '" + given.run +
                           "'): no run folder (run_dir)");
  }
  RunRecord record = given;
  std::vector<std::string> notes = derive_from_files(record, path);
  write_atomically(path / kRecordFile, record_json(record));
  try {
    Transaction t(db_->handle());
    db_->ensure_study(record.study);
    db_->put_run(index_row(record));
    t.commit();
  } catch (const IndexError &e) {
    notes.push_back(index_problem(dir_ / kIndexFile, "run '" + record.study + "/" + record.run +
                                                         "' not indexed: " + e.what()));
  }
  return notes;
}

std::vector<IndexRow> Store::rows(const Query &query) const { return db_->rows(query); }

}  // namespace hpcpat::store
