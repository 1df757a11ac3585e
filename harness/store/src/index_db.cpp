// The SQLite index (index_db.hpp).
#include "index_db.hpp"

#include <sqlite3.h>

#include "migrations.hpp"

namespace hpcpat::store {
namespace {

// Long enough for a reindex of a large store, which holds the write lock while it scans folders.
constexpr int kBusyTimeoutMs = 120000;

std::string run_columns(const char *separator, const char *each) {
  std::string out;
  for (std::string_view c : kRunColumns) {
    if (!out.empty()) out += separator;
    out += std::string(each).empty() ? std::string(c) : std::string(each);
  }
  return out;
}

}  // namespace

bool IndexError::damaged() const {
  return code_ == SQLITE_NOTADB || code_ == SQLITE_CORRUPT || code_ == kNewerSchema;
}

void exec(sqlite3 *db, const char *sql) {
  char *error = nullptr;
  if (const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error); rc != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errmsg(db);
    sqlite3_free(error);
    throw IndexError(message, rc & 0xff);
  }
}

Statement::Statement(sqlite3 *db, const char *sql) : db_(db) {
  if (const int rc = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); rc != SQLITE_OK) {
    throw IndexError(sqlite3_errmsg(db), rc & 0xff);
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw IndexError(sqlite3_errmsg(db_), rc & 0xff);
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Statement::bind(int index, const Cell &cell) {
  if (const auto *i = std::get_if<std::int64_t>(&cell)) {
    sqlite3_bind_int64(stmt_, index, *i);
  } else if (const auto *d = std::get_if<double>(&cell)) {
    sqlite3_bind_double(stmt_, index, *d);
  } else if (const auto *s = std::get_if<std::string>(&cell)) {
    sqlite3_bind_text(stmt_, index, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
  } else {
    sqlite3_bind_null(stmt_, index);
  }
}

Cell Statement::column(int index) const {
  switch (sqlite3_column_type(stmt_, index)) {
    case SQLITE_INTEGER: return Cell(static_cast<std::int64_t>(sqlite3_column_int64(stmt_, index)));
    case SQLITE_FLOAT: return Cell(sqlite3_column_double(stmt_, index));
    case SQLITE_TEXT:
      return Cell(std::string(reinterpret_cast<const char *>(sqlite3_column_text(stmt_, index)),
                              static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index))));
    default: return Cell();
  }
}

Transaction::Transaction(sqlite3 *db) : db_(db) { exec(db_, "BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  exec(db_, "COMMIT");
  open_ = false;
}

IndexDb::IndexDb(const std::filesystem::path &file) {
  const int rc = sqlite3_open_v2(file.c_str(), &db_,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  try {
    if (rc != SQLITE_OK) throw IndexError(db_ ? sqlite3_errmsg(db_) : "out of memory", rc & 0xff);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    // WAL: readers never block the writer; NORMAL sync is crash-consistent in WAL mode (the last
    // commits may be lost to a power cut, and reindex restores them from the folders).
    // A 64 MiB page cache: a reindex of 10,000 runs touches some 10 MB of table and indexes.
    exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
              "PRAGMA cache_size=-65536");
    migrate(db_, index_migrations());
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

IndexDb::~IndexDb() {
  put_run_.reset();  // statements before the connection
  ensure_study_.reset();
  sqlite3_close(db_);
}

void IndexDb::put_study(const StudyRow &study) {
  // An upsert, not INSERT OR REPLACE: replacing deletes the row first, and with it (ON DELETE
  // CASCADE) every run already indexed, e.g. when a study is resumed.
  Statement s(db_, "INSERT INTO studies (name, spec_sha256, runs_planned, created_at) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
                   "spec_sha256 = excluded.spec_sha256, runs_planned = excluded.runs_planned, "
                   "created_at = COALESCE(studies.created_at, excluded.created_at)");
  s.bind(1, study.name);
  s.bind(2, study.spec_sha256.empty() ? Cell() : Cell(study.spec_sha256));
  s.bind(3, static_cast<std::int64_t>(study.runs_planned));
  s.bind(4, study.created_at.empty() ? Cell() : Cell(study.created_at));
  s.step();
}

void IndexDb::ensure_study(const std::string &name) {
  if (!ensure_study_) {
    ensure_study_ = std::make_unique<Statement>(db_, "INSERT OR IGNORE INTO studies (name) VALUES (?)");
  }
  ensure_study_->reset();
  ensure_study_->bind(1, name);
  ensure_study_->step();
}

void IndexDb::put_run(const IndexRow &row) {
  if (!put_run_) {
    const std::string sql = "INSERT OR REPLACE INTO runs (" + run_columns(", ", "") +
                            ") VALUES (" + run_columns(", ", "?") + ")";
    put_run_ = std::make_unique<Statement>(db_, sql.c_str());
  }
  put_run_->reset();
  const std::vector<Cell> cells = row_cells(row);
  for (std::size_t i = 0; i < cells.size(); ++i) put_run_->bind(static_cast<int>(i + 1), cells[i]);
  put_run_->step();
}

void IndexDb::set_labels(const std::string &study, const std::string &run,
                         const std::string &labels) {
  Statement s(db_, "UPDATE runs SET labels = ? WHERE study = ? AND run = ?");
  s.bind(1, labels);
  s.bind(2, study);
  s.bind(3, run);
  s.step();
}

void IndexDb::clear() { exec(db_, "DELETE FROM runs; DELETE FROM studies"); }

std::vector<IndexRow> IndexDb::rows(const Query &query) const {
  static const std::string sql =
      "SELECT " + run_columns(", ", "") +
      " FROM runs WHERE (?1 = '' OR study = ?1) AND (?2 = '' OR app = ?2 OR case_name = ?2)"
      " ORDER BY study, case_name, nodes, ranks, repeat, run";
  Statement s(db_, sql.c_str());
  s.bind(1, query.study);
  s.bind(2, query.app);
  std::vector<IndexRow> out;
  std::vector<Cell> cells(kRunColumns.size());
  while (s.step()) {
    for (std::size_t i = 0; i < cells.size(); ++i) cells[i] = s.column(static_cast<int>(i));
    out.push_back(row_from_cells(cells));
  }
  return out;
}

}  // namespace hpcpat::store
