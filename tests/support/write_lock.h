// Another session that holds the database's write lock (a backup tool, an admin's
// shell, a migration on another server) while the test sends requests, on either
// engine: on SQLite a BEGIN IMMEDIATE/EXCLUSIVE on the file; on PostgreSQL, where a
// bare BEGIN locks nothing, every table of the schema locked IN EXCLUSIVE MODE —
// reads go on, every write waits for it (up to the server's lock_timeout), as
// SQLite's writers wait for the busy timeout.
#pragma once

#include <string>
#include <vector>

#include "db/connection.h"
#include "db/dialect.h"

namespace tilfreds::testing {

class HeldWriteLock {
 public:
  enum class Sqlite { kImmediate, kExclusive };
  explicit HeldWriteLock(const std::string& target, Sqlite sqlite = Sqlite::kImmediate)
      : engine_(db::engine_of(target)), conn_(target) {
    if (engine_ == db::Engine::kSqlite) {
      conn_.exec(sqlite == Sqlite::kExclusive ? "BEGIN EXCLUSIVE" : "BEGIN IMMEDIATE");
      return;
    }
    std::vector<std::string> tables;
    auto list = conn_.prepare(db::list_tables_sql(engine_));
    while (list.step()) tables.push_back(db::quote_identifier(list.text(0)));
    std::string lock = "LOCK TABLE ";
    for (size_t i = 0; i < tables.size(); ++i) lock += (i ? ", " : "") + tables[i];
    conn_.exec("BEGIN");
    conn_.exec(lock + " IN EXCLUSIVE MODE");
  }
  // Lets the waiting writes go (they commit after it).
  void release() {
    if (held_) conn_.exec("COMMIT");
    held_ = false;
  }
  ~HeldWriteLock() {
    try {
      if (held_) conn_.exec("ROLLBACK");
    } catch (...) {
      // The connection closes with the object, which ends the transaction anyway.
    }
  }
  HeldWriteLock(const HeldWriteLock&) = delete;
  HeldWriteLock& operator=(const HeldWriteLock&) = delete;

 private:
  db::Engine engine_;
  db::Connection conn_;
  bool held_ = true;
};

}  // namespace tilfreds::testing
