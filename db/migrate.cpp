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

void migrate(Connection& conn) { migrate_to(conn, latest_schema_version()); }

void migrate_to(Connection& conn, int version) {
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
  for (const auto& m : known_migrations()) {
    if (m.version <= current || m.version > version) continue;
    Transaction tx(conn);
    conn.exec(m.sql);
    conn.prepare("INSERT INTO schema_migration VALUES (?, ?, datetime('now'))")
        .bind_all(static_cast<std::int64_t>(m.version), m.name)
        .run();
    tx.commit();
  }
}

}  // namespace tilfreds::db
