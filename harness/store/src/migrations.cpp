// The index schema's migrations (migrations.hpp).
#include "migrations.hpp"

#include <sqlite3.h>

#include <string>

#include "index_db.hpp"

namespace hpcpat::store {
namespace {

// Version 1: studies, and one row per complete run with what `hpcpat results` lists and queries
// by study, app (or case) and node count. Columns follow kRunColumns (index_row.hpp).
constexpr const char *kSchemaV1 = R"sql(
CREATE TABLE studies (
  name TEXT PRIMARY KEY,
  spec_sha256 TEXT,
  runs_planned INTEGER,
  created_at TEXT
);
CREATE TABLE runs (
  study TEXT NOT NULL REFERENCES studies(name) ON DELETE CASCADE,
  run TEXT NOT NULL,
  case_name TEXT NOT NULL,
  app TEXT NOT NULL,
  parameters TEXT NOT NULL,
  nodes INTEGER NOT NULL,
  ranks INTEGER NOT NULL,
  ranks_per_node INTEGER NOT NULL,
  threads INTEGER NOT NULL,
  repeat INTEGER NOT NULL,
  launcher TEXT NOT NULL,
  status TEXT NOT NULL,
  cause TEXT NOT NULL,
  exit_code INTEGER,
  signal INTEGER,
  wall_s REAL NOT NULL,
  mpi_fraction_median REAL,
  mpi_fraction_max REAL,
  top_call TEXT NOT NULL,
  fom_name TEXT NOT NULL,
  fom_value REAL,
  hosts TEXT NOT NULL,
  mpi_library TEXT NOT NULL,
  container TEXT NOT NULL,
  hpcpat_version TEXT NOT NULL,
  git_sha TEXT NOT NULL,
  started_at TEXT NOT NULL,
  started_epoch_s REAL NOT NULL,
  ended_at TEXT NOT NULL,
  ended_epoch_s REAL NOT NULL,
  PRIMARY KEY (study, run)
);
CREATE INDEX runs_by_study_app_nodes ON runs(study, app, nodes);
CREATE INDEX runs_by_app_nodes ON runs(app, nodes);
CREATE INDEX runs_by_case_nodes ON runs(case_name, nodes);
CREATE INDEX runs_by_nodes ON runs(nodes);
)sql";

// Version 2: each run's pattern labels (`hpcpat patterns STUDY`, RESULTS/<study>/<run>/
// patterns.json), as "label:confidence,..." so that `hpcpat results` lists and exports them.
constexpr const char *kSchemaV2 = "ALTER TABLE runs ADD COLUMN labels TEXT NOT NULL DEFAULT ''";

constexpr Migration kMigrations[] = {{1, kSchemaV1}, {2, kSchemaV2}};

}  // namespace

std::span<const Migration> index_migrations() { return kMigrations; }

int schema_version(sqlite3 *db) {
  exec(db, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, "
           "applied_at TEXT NOT NULL)");
  Statement s(db, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
  s.step();
  return static_cast<int>(sqlite3_column_int64(s.get(), 0));
}

void migrate(sqlite3 *db, std::span<const Migration> list) {
  const int known = list.empty() ? 0 : list.back().version;
  Transaction check(db);
  const int have = schema_version(db);
  check.commit();
  if (have > known) {
    throw IndexError("schema version " + std::to_string(have) + " is newer than this hpcpat's (" +
                     std::to_string(known) + ")",
                     IndexError::kNewerSchema);
  }
  for (const Migration &m : list) {
    if (m.version <= have) continue;
    Transaction step(db);
    // Checked again inside the write transaction: another process may have migrated meanwhile.
    if (schema_version(db) >= m.version) continue;
    exec(db, m.sql);
    Statement done(db, "INSERT INTO schema_version (version, applied_at) "
                       "VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
    sqlite3_bind_int(done.get(), 1, m.version);
    done.step();
    step.commit();
  }
}

}  // namespace hpcpat::store
