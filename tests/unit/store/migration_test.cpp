// The index's schema migrations: a new database gets the latest version; an older database is
// brought forward in place with its rows kept; a database newer than this hpcpat is refused.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <vector>

#include "fixture.hpp"
#include "index_db.hpp"
#include "migrations.hpp"

namespace hpcpat::store {
namespace {

struct Db {
  sqlite3 *db = nullptr;
  explicit Db(const std::filesystem::path &file) { sqlite3_open(file.c_str(), &db); }
  ~Db() { sqlite3_close(db); }
  std::int64_t number(const char *sql) const {
    Statement s(db, sql);
    return s.step() ? sqlite3_column_int64(s.get(), 0) : -1;
  }
};

TEST(IndexMigrations, ANewIndexHasTheLatestVersionAndItsTables) {
  test::ScratchDir dir;
  { IndexDb index(dir.path() / "hpcpat.db"); }
  Db db(dir.path() / "hpcpat.db");
  EXPECT_EQ(schema_version(db.db), 2);
  EXPECT_EQ(db.number("SELECT COUNT(*) FROM pragma_table_info('runs') WHERE name = 'labels'"), 1);
  EXPECT_EQ(db.number("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
                      "name IN ('studies', 'runs', 'schema_version')"),
            3);
  EXPECT_EQ(db.number("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND "
                      "name LIKE 'runs_by_%'"),
            4);
  Statement mode(db.db, "PRAGMA journal_mode");
  ASSERT_TRUE(mode.step());
  EXPECT_EQ(std::get<std::string>(mode.column(0)), "wal");
}

TEST(IndexMigrations, AnOldIndexIsBroughtForwardWithItsRows) {
  test::ScratchDir dir;
  const auto file = dir.path() / "hpcpat.db";
  {
    IndexDb index(file);  // version 1, as an older hpcpat left it, with a study and a run
    Transaction t(index.handle());
    index.ensure_study("s1");
    IndexRow row;
    row.study = "s1";
    row.run = "r1";
    row.app = row.case_name = "ring";
    index.put_run(row);
    t.commit();
  }
  // A later hpcpat's list: today's versions, then a step that adds a column.
  std::vector<Migration> later(index_migrations().begin(), index_migrations().end());
  const int next = later.back().version + 1;
  later.push_back({next, "ALTER TABLE runs ADD COLUMN energy_j REAL DEFAULT 7.5;"});
  Db db(file);
  migrate(db.db, later);
  EXPECT_EQ(schema_version(db.db), next);
  EXPECT_EQ(db.number("SELECT COUNT(*) FROM schema_version"), next);
  EXPECT_EQ(db.number("SELECT COUNT(*) FROM runs WHERE study = 's1' AND run = 'r1' AND "
                      "energy_j = 7.5"),
            1);
  migrate(db.db, later);  // applying again changes nothing
  EXPECT_EQ(db.number("SELECT COUNT(*) FROM schema_version"), next);
}

TEST(IndexMigrations, AVersionOneIndexGainsEmptyLabelsWithItsRowsKept) {
  test::ScratchDir dir;
  const auto file = dir.path() / "hpcpat.db";
  {
    Db db(file);  // as hpcpat before pattern labels left it: version 1 and one run
    migrate(db.db, index_migrations().first(1));
    exec(db.db, "INSERT INTO studies (name) VALUES ('s1'); INSERT INTO runs VALUES ('s1', 'r1', "
                "'c', 'ring', '{}', 1, 2, 2, 1, 0, 'mpirun', 'ok', '', 0, NULL, 1.5, 0.5, 0.6, "
                "'MPI_Send', '', NULL, 'h', 'Open MPI', '', '0.1.0', 'abc', 't0', 1.0, 't1', 2.0)");
  }
  IndexDb index(file);  // migrates to version 2
  const std::vector<IndexRow> rows = index.rows({});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].run, "r1");
  EXPECT_EQ(rows[0].wall_s, 1.5);
  EXPECT_EQ(rows[0].labels, "");
  Transaction t(index.handle());
  index.set_labels("s1", "r1", "halo:0.96");
  t.commit();
  EXPECT_EQ(index.rows({})[0].labels, "halo:0.96");
}

TEST(IndexMigrations, ANewerIndexIsRefused) {
  test::ScratchDir dir;
  const auto file = dir.path() / "hpcpat.db";
  { IndexDb index(file); }
  {
    Db db(file);
    Statement s(db.db, "INSERT INTO schema_version VALUES (9, 'later')");
    s.step();
  }
  try {
    IndexDb index(file);
    FAIL() << "a newer index was opened";
  } catch (const IndexError &e) {
    EXPECT_STREQ(e.what(), "schema version 9 is newer than this hpcpat's (2)");
    EXPECT_TRUE(e.damaged());  // so reindex may replace it; a busy index never is
  }
  EXPECT_TRUE(IndexError("x", SQLITE_NOTADB).damaged());
  EXPECT_FALSE(IndexError("x", SQLITE_BUSY).damaged());
  EXPECT_FALSE(IndexError("x", SQLITE_CANTOPEN).damaged());
}

}  // namespace
}  // namespace hpcpat::store
