#include "db/migrate.h"

#include <algorithm>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "embedded_file.h"

namespace tilfreds::embedded {
std::span<const EmbeddedFile> migrations();
std::span<const EmbeddedFile> postgresql_migrations();
}

namespace tilfreds::db {

namespace {
struct Migration {
  int version;
  std::string name;
  std::string_view sql;
};

// Each engine has its own copy of every numbered step (migrations/ and
// migrations/postgresql/), not one file rewritten: schema statements are where the
// dialects differ most (SQLite rebuilds a table to change a CHECK where PostgreSQL
// alters it in place; triggers, identity columns and BYTEA are spelled apart), and
// a DDL rewriter would be a second, untested compiler. The test
// "both engines know the same migrations" keeps the numbers and names in step.
std::vector<Migration> known_migrations(Engine engine) {
  std::vector<Migration> out;
  for (const auto& f : engine == Engine::kPostgresql ? embedded::postgresql_migrations() : embedded::migrations()) {
    std::string name(f.path);
    out.push_back({std::stoi(name.substr(0, 3)), name, f.bytes});
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}
}  // namespace

int latest_schema_version() {
  auto all = known_migrations(Engine::kSqlite);
  return all.empty() ? 0 : all.back().version;
}

void migrate(Connection& conn) { migrate_to(conn, latest_schema_version()); }

namespace {
void create_migration_table(Connection& conn) {
  conn.exec(
      "CREATE TABLE IF NOT EXISTS schema_migration ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
}

// Every version the database records; throws if one is unknown to this binary.
std::set<std::int64_t> applied_versions(Connection& conn, const std::vector<Migration>& known) {
  std::set<std::int64_t> applied;
  {
    auto st = conn.prepare("SELECT version FROM schema_migration");
    while (st.step()) applied.insert(st.int64(0));
  }
  for (std::int64_t v : applied) {
    const bool ours = std::any_of(known.begin(), known.end(), [v](const Migration& m) { return m.version == v; });
    if (!ours) {
      throw Error("the database has schema migration " + std::to_string(v) +
                      ", which this tilfreds does not know (it knows up to " +
                      std::to_string(latest_schema_version()) + "): use a newer tilfreds",
                  0);
    }
  }
  return applied;
}

void record(Connection& conn, const Migration& m) {
  conn.prepare("INSERT INTO schema_migration VALUES (?, ?, datetime('now'))")
      .bind_all(static_cast<std::int64_t>(m.version), m.name)
      .run();
}

// PostgreSQL changes its schema in place and inside the transaction, foreign keys
// checked as it goes. Several servers may start at once: the first to take the
// advisory lock migrates, the others wait for it and then find nothing to do.
void migrate_postgresql(Connection& conn, int version) {
  const auto known = known_migrations(Engine::kPostgresql);
  Transaction tx(conn);
  // Any constant, as long as every tilfreds uses the same one: "tilfreds" in ASCII.
  conn.exec("SELECT pg_advisory_xact_lock(7523094288207667558)");
  create_migration_table(conn);
  const auto applied = applied_versions(conn, known);
  for (const auto& m : known) {
    if (applied.count(m.version) != 0 || m.version > version) continue;
    conn.exec(m.sql);
    record(conn, m);
  }
  tx.commit();
}
}  // namespace

void migrate_to(Connection& conn, int version) {
  if (conn.engine() == Engine::kPostgresql) {
    migrate_postgresql(conn, version);
    return;
  }
  create_migration_table(conn);
  // Every migration the database has not recorded is applied, also one numbered below
  // the highest recorded: migrations are reserved numbers written on parallel
  // branches, so a database made by one branch (e.g. at 009 and 011) meets the lower
  // number of another (008) only later. Each migration stands on those below its
  // number that every branch shares, never on a sibling.
  const auto known = known_migrations(Engine::kSqlite);
  const auto applied = applied_versions(conn, known);
  // A migration that rebuilds a table (SQLite cannot change a CHECK in place, e.g.
  // the roles a staff user may have) must drop the old table while others still
  // refer to it. SQLite's procedure (lang_altertable.html, "other kinds of table
  // schema changes"): foreign keys off outside the transaction, then
  // foreign_key_check before the commit, so a migration can never leave a
  // dangling reference behind.
  conn.exec("PRAGMA foreign_keys = OFF");
  try {
    for (const auto& m : known) {
      if (applied.count(m.version) != 0 || m.version > version) continue;
      Transaction tx(conn);
      conn.exec(m.sql);
      if (conn.prepare("PRAGMA foreign_key_check").step()) {
        throw Error("migration " + m.name + " leaves a broken foreign key", 0);
      }
      record(conn, m);
      tx.commit();
    }
  } catch (...) {
    conn.exec("PRAGMA foreign_keys = ON");
    throw;
  }
  conn.exec("PRAGMA foreign_keys = ON");
}

}  // namespace tilfreds::db
