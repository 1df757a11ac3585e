// The SQLite index RESULTS/hpcpat.db (private to the store): opened in WAL mode with a busy
// timeout (several processes finishing runs at once wait for each other instead of failing) and
// foreign keys on; every write inside a BEGIN IMMEDIATE transaction.
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "hpcpat/store/index_row.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace hpcpat::store {

// Anything the index could not do; the store turns it into the reindex hint. `code` is SQLite's
// primary result code (SQLITE_NOTADB, SQLITE_CORRUPT, SQLITE_BUSY, ...), or kNewerSchema.
class IndexError : public std::runtime_error {
 public:
  static constexpr int kNewerSchema = -1;
  explicit IndexError(const std::string &message, int code = 0)
      : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }
  // Whether the file itself is unusable (not a database, corrupt, a newer schema), as opposed
  // to busy or unreadable for now: only then may a reindex replace it.
  bool damaged() const;

 private:
  int code_;
};

// Runs `sql` (one or more statements); throws IndexError with SQLite's message.
void exec(sqlite3 *db, const char *sql);

class Statement {
 public:
  Statement(sqlite3 *db, const char *sql);
  ~Statement();
  Statement(const Statement &) = delete;
  Statement &operator=(const Statement &) = delete;
  sqlite3_stmt *get() const { return stmt_; }
  bool step();  // true: a row is ready; false: done. Throws IndexError.
  void reset();
  void bind(int index, const Cell &cell);
  Cell column(int index) const;

 private:
  sqlite3 *db_;
  sqlite3_stmt *stmt_ = nullptr;
};

// BEGIN IMMEDIATE (takes the write lock at once, so two writers never deadlock upgrading);
// rolled back unless commit() was called.
class Transaction {
 public:
  explicit Transaction(sqlite3 *db);
  ~Transaction();
  Transaction(const Transaction &) = delete;
  Transaction &operator=(const Transaction &) = delete;
  void commit();

 private:
  sqlite3 *db_;
  bool open_ = true;
};

struct StudyRow {
  std::string name, spec_sha256, created_at;
  long long runs_planned = 0;
};

class IndexDb {
 public:
  // Opens or creates `file` and brings its schema to the current version.
  explicit IndexDb(const std::filesystem::path &file);
  ~IndexDb();
  IndexDb(const IndexDb &) = delete;
  IndexDb &operator=(const IndexDb &) = delete;

  sqlite3 *handle() const { return db_; }
  // Inside a Transaction of the caller's:
  void put_study(const StudyRow &study);       // insert or replace
  void ensure_study(const std::string &name);  // insert when absent (a run's foreign key)
  void put_run(const IndexRow &row);           // insert or replace by (study, run)
  void set_labels(const std::string &study, const std::string &run, const std::string &labels);
  void clear();                                // every row of every table but schema_version

  std::vector<IndexRow> rows(const Query &query) const;

 private:
  sqlite3 *db_ = nullptr;
  // Prepared once: reindex puts thousands of rows.
  std::unique_ptr<Statement> put_run_, ensure_study_;
};

}  // namespace hpcpat::store
