#include "db/migrate.h"

#include <algorithm>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "embedded_file.h"

namespace tilfreds::embedded {
std::span<const EmbeddedFile> migrations();
}

namespace tilfreds::db {

namespace {
struct Migration {
  int version;
  std::string name;
  std::string_view sql;
};

std::vector<Migration> known_migrations() {
  std::vector<Migration> out;
  for (const auto& f : embedded::migrations()) {
    std::string name(f.path);
    out.push_back({std::stoi(name.substr(0, 3)), name, f.bytes});
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}
}  // namespace

int latest_schema_version() {
  auto all = known_migrations();
  return all.empty() ? 0 : all.back().version;
}

void migrate(Connection& conn) { migrate_to(conn, latest_schema_version()); }

void migrate_to(Connection& conn, int version) {
  conn.exec(
      "CREATE TABLE IF NOT EXISTS schema_migration ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  // Every migration the database has not recorded is applied, also one numbered below
  // the highest recorded: migrations are reserved numbers written on parallel
  // branches, so a database made by one branch (e.g. at 009 and 011) meets the lower
  // number of another (008) only later. Each migration stands on those below its
  // number that every branch shares, never on a sibling.
  std::set<std::int64_t> applied;
  {
    auto st = conn.prepare("SELECT version FROM schema_migration");
    while (st.step()) applied.insert(st.int64(0));
  }
  const auto known = known_migrations();
  for (std::int64_t v : applied) {
    const bool ours = std::any_of(known.begin(), known.end(), [v](const Migration& m) { return m.version == v; });
    if (!ours) {
      throw Error("the database has schema migration " + std::to_string(v) +
                      ", which this tilfreds does not know (it knows up to " +
                      std::to_string(latest_schema_version()) + "): use a newer tilfreds",
                  0);
    }
  }
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
      conn.prepare("INSERT INTO schema_migration VALUES (?, ?, datetime('now'))")
          .bind_all(static_cast<std::int64_t>(m.version), m.name)
          .run();
      tx.commit();
    }
  } catch (...) {
    conn.exec("PRAGMA foreign_keys = ON");
    throw;
  }
  conn.exec("PRAGMA foreign_keys = ON");
}

}  // namespace tilfreds::db
