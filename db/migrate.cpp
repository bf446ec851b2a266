#include "db/migrate.h"

#include <algorithm>
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

void migrate(Connection& conn) {
  conn.exec(
      "CREATE TABLE IF NOT EXISTS schema_migration ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  std::int64_t current = 0;
  {
    auto st = conn.prepare("SELECT coalesce(max(version), 0) FROM schema_migration");
    if (st.step()) current = st.int64(0);
  }
  int latest = latest_schema_version();
  if (current > latest) {
    throw Error("the database has schema version " + std::to_string(current) +
                    " but this tilfreds knows only up to " + std::to_string(latest) +
                    ": use a newer tilfreds",
                0);
  }
  // A migration that rebuilds a table (SQLite cannot change a CHECK in place, e.g.
  // the roles a staff user may have) must drop the old table while others still
  // refer to it. SQLite's procedure (lang_altertable.html, "other kinds of table
  // schema changes"): foreign keys off outside the transaction, then
  // foreign_key_check before the commit, so a migration can never leave a
  // dangling reference behind.
  conn.exec("PRAGMA foreign_keys = OFF");
  try {
    for (const auto& m : known_migrations()) {
      if (m.version <= current) continue;
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
