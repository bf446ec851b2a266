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
  // By the set of applied versions, not their maximum: a branch's migration that
  // lands after a later-numbered one (005 after 011, say) is still applied to the
  // databases that already have the later one.
  std::set<std::int64_t> applied;
  {
    auto st = conn.prepare("SELECT version FROM schema_migration");
    while (st.step()) applied.insert(st.int64(0));
  }
  const auto known = known_migrations();
  for (std::int64_t v : applied) {
    if (std::none_of(known.begin(), known.end(), [v](const Migration& m) { return m.version == v; })) {
      throw Error("the database has schema migration " + std::to_string(v) +
                      ", which this tilfreds does not know (it knows up to " +
                      std::to_string(latest_schema_version()) + "): use a newer tilfreds",
                  0);
    }
  }
  for (const auto& m : known) {
    if (applied.count(m.version) || m.version > version) continue;
    Transaction tx(conn);
    conn.exec(m.sql);
    conn.prepare("INSERT INTO schema_migration VALUES (?, ?, datetime('now'))")
        .bind_all(static_cast<std::int64_t>(m.version), m.name)
        .run();
    tx.commit();
  }
}

}  // namespace tilfreds::db
