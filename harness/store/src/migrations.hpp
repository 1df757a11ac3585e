// The index's schema, as ordered migrations: migration N brings a database at version N-1 to N,
// and the `schema_version` table records each one applied. Version 1 is today's schema; a change
// of columns appends a migration (never edits one), so an index made by an older hpcpat is
// brought forward in place. (An index is only ever a cache of the folders: reindex rebuilds it.)
#pragma once

#include <span>

struct sqlite3;

namespace hpcpat::store {

struct Migration {
  int version;      // 1, 2, ... in order
  const char *sql;  // statements run in one transaction
};

// Today's migrations, version 1 first.
std::span<const Migration> index_migrations();

// The version recorded in `db` (0 for a new, empty database).
int schema_version(sqlite3 *db);

// Applies, each in its own transaction, the migrations of `list` above the database's version.
// Throws IndexError when the database is newer than the last of `list`, or a step fails.
void migrate(sqlite3 *db, std::span<const Migration> list);

}  // namespace hpcpat::store
