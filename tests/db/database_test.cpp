#include "db/database.h"

#include <catch2/catch.hpp>
#include <set>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "db/migrate.h"
#include "embedded_file.h"
#include "tests/support/test_database.h"

namespace tilfreds::embedded {
std::span<const EmbeddedFile> migrations();
}

using tilfreds::db::Connection;
using tilfreds::db::Database;
using tilfreds::testing::TestDatabase;

namespace {
std::int64_t count(Database& db, const char* sql) {
  return db.read([&](Connection& c) {
    auto st = c.prepare(sql);
    st.step();
    return st.int64(0);
  });
}
}  // namespace

TEST_CASE("concurrent writers share commits and every acknowledged write is there") {
  TestDatabase dir;
  Database db(dir.target());
  db.write([](Connection& c) { c.exec("CREATE TABLE t (writer INTEGER, i INTEGER)"); });
  constexpr int kThreads = 16, kEach = 200;
  std::vector<std::thread> threads;
  for (int w = 0; w < kThreads; ++w) {
    threads.emplace_back([&db, w] {
      for (int i = 0; i < kEach; ++i) {
        db.write([&](Connection& c) {
          c.prepare("INSERT INTO t VALUES (?, ?)").bind_all(std::int64_t{w}, std::int64_t{i}).run();
        });
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(count(db, "SELECT count(*) FROM t") == kThreads * kEach);
  auto stats = db.writer_stats();
  CHECK(stats.jobs == kThreads * kEach + 1);
  // Group commit: fewer commits than jobs once writers overlap.
  CHECK(stats.commits < stats.jobs);
}

TEST_CASE("a failing job is rolled back alone, the others in its batch are kept") {
  TestDatabase dir;
  Database db(dir.target());
  db.write([](Connection& c) { c.exec("CREATE TABLE t (x INTEGER UNIQUE)"); });
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&, i] {
      try {
        db.write([&](Connection& c) {
          c.prepare("INSERT INTO t VALUES (?)").bind_all(std::int64_t{1000 + i}).run();
          if (i % 5 == 0) c.prepare("INSERT INTO t VALUES (?)").bind_all(std::int64_t{1000 + i}).run();
        });
      } catch (const tilfreds::db::Error&) {
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failures == 10);
  CHECK(count(db, "SELECT count(*) FROM t") == 40);
  CHECK(count(db, "SELECT count(*) FROM t WHERE x % 5 = 0") == 0);
}

TEST_CASE("a fault after which SQLite rolled back the whole batch reaches the caller as itself") {
  TestDatabase dir;
  Database db(dir.target());
  db.write([](Connection& c) { c.exec("CREATE TABLE t (x INTEGER)"); });
  // What SQLite does after some I/O errors and SQLITE_FULL: the transaction is rolled back,
  // the job's savepoint gone. The citizen must still get "try again shortly" (Unavailable).
  bool unavailable = false;
  try {
    db.write([](Connection& c) {
      c.exec("INSERT INTO t VALUES (1)");
      c.exec("ROLLBACK");
      throw tilfreds::db::Unavailable("disk I/O error (simulated)", 10);
    });
  } catch (const tilfreds::db::Unavailable& e) {
    unavailable = std::string(e.what()).find("simulated") != std::string::npos;
  } catch (const tilfreds::db::Error& e) {
    UNSCOPED_INFO("thrown instead: " << e.what());
  }
  CHECK(unavailable);
  CHECK(count(db, "SELECT count(*) FROM t") == 0);
  db.write([](Connection& c) { c.exec("INSERT INTO t VALUES (2)"); });
  CHECK(count(db, "SELECT count(*) FROM t") == 1);
}

TEST_CASE("migrations apply once, and a database from a newer tilfreds is refused") {
  TestDatabase dir;
  std::int64_t applied = 0;
  {
    Database db(dir.target());
    CHECK(count(db, "SELECT max(version) FROM schema_migration") == tilfreds::db::latest_schema_version());
    applied = count(db, "SELECT count(*) FROM schema_migration");
  }
  {
    Database again(dir.target());  // reopening applies nothing twice
    CHECK(count(again, "SELECT count(*) FROM schema_migration") == applied);
    again.write([](Connection& c) { c.exec("INSERT INTO schema_migration VALUES (999, 'future', 'now')"); });
  }
  CHECK_THROWS_WITH(Database(dir.target()), Catch::Contains("newer tilfreds"));
}

namespace {
// A database as a branch without migration `missing` made it: every embedded
// migration but that one, recorded as applied.
void build_without(const std::string& path, const std::string& missing) {
  Connection c(path);
  c.exec("CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  for (const auto& f : tilfreds::embedded::migrations()) {
    const std::string name(f.path);
    if (name.rfind(missing + "_", 0) == 0) continue;
    c.exec(f.bytes);
    c.exec("INSERT INTO schema_migration VALUES (" + std::to_string(std::stoi(name.substr(0, 3))) + ", '" + name +
           "', 'then')");
  }
}
}  // namespace

TEST_CASE("a database made without migration 008 (main at 009/011) gains it on open, its staff kept", "[sqlite]") {
  // Migration numbers are reserved per branch: main made databases at 009 and 011
  // before the case review's 008 was merged. Such a database has a user whose
  // permission (009) refers to staff_user, the table 008 rebuilds.
  TestDatabase dir;
  build_without(dir.target(), "008");
  {
    Connection c(dir.target());
    c.exec("INSERT INTO staff_user (id, name, role, password_hash, created_at) VALUES (7, 'ane', 'admin', 'x', 'then')");
    c.exec("INSERT INTO staff_permission VALUES (7, 'supervisor', 'then')");
    CHECK_THROWS(c.exec("INSERT INTO staff_user (name, role, password_hash, created_at) VALUES ('r', 'reviewer', 'x', 'then')"));
  }
  Database db(dir.target());
  CHECK(count(db, "SELECT count(*) FROM schema_migration WHERE version = 8") == 1);
  CHECK(count(db, "SELECT count(*) FROM staff_permission p JOIN staff_user u ON u.id = p.user_id WHERE u.name = 'ane'") == 1);
  CHECK(count(db, "SELECT count(*) FROM review_area") == 0);
  db.write([](Connection& c) {
    c.exec("INSERT INTO staff_user (name, role, password_hash, created_at) VALUES ('r', 'reviewer', 'x', 'now')");
  });
  CHECK(count(db, "SELECT count(*) FROM staff_user WHERE role = 'reviewer'") == 1);
  CHECK(count(db, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
  CHECK(count(db, "SELECT foreign_keys FROM pragma_foreign_keys") == 1);
}

TEST_CASE("a database made by the case-review branch (008, no 007) gains the site settings on open", "[sqlite]") {
  TestDatabase dir;
  build_without(dir.target(), "007");
  Database db(dir.target());
  CHECK(count(db, "SELECT count(*) FROM schema_migration WHERE version = 7") == 1);
  CHECK(count(db, "SELECT count(*) FROM site_setting") == 0);
  CHECK(count(db, "SELECT count(*) FROM schema_migration") ==
        static_cast<std::int64_t>(tilfreds::embedded::migrations().size()));
}

TEST_CASE("a database made before the anonymity migration (005) landed gains it on open", "[sqlite]") {
  TestDatabase dir;
  build_without(dir.target(), "005");
  Database db(dir.target());
  CHECK(count(db, "SELECT count(*) FROM schema_migration WHERE version = 5") == 1);
  CHECK(count(db, "SELECT count(*) FROM invitee_count") == 0);
  CHECK(count(db, "SELECT count(*) FROM pragma_table_info('invitee') WHERE name = 'token_sealed'") == 1);
}

TEST_CASE("a migration this tilfreds lacks is refused even below the highest it knows") {
  // A number another branch reserved and this binary has not merged yet.
  std::set<int> known;
  for (const auto& f : tilfreds::embedded::migrations()) known.insert(std::stoi(std::string(f.path).substr(0, 3)));
  int gap = 1;
  while (known.count(gap) != 0) ++gap;
  if (gap >= tilfreds::db::latest_schema_version()) {
    WARN("every migration number up to the highest is merged: nothing to test");
    return;
  }
  TestDatabase dir;
  {
    Database db(dir.target());
    db.write([gap](Connection& c) {
      c.exec("INSERT INTO schema_migration VALUES (" + std::to_string(gap) + ", 'elsewhere', 'now')");
    });
  }
  CHECK_THROWS_WITH(Database(dir.target()),
                    Catch::Contains("schema migration " + std::to_string(gap)) && Catch::Contains("newer tilfreds"));
}

TEST_CASE("the database is in WAL mode and commits with synchronous=FULL", "[sqlite]") {
  TestDatabase dir;
  Database db(dir.target());
  std::string mode;
  std::int64_t sync = -1;
  db.write([&](Connection& c) {
    auto m = c.prepare("PRAGMA journal_mode");
    m.step();
    mode = m.text(0);
    auto s = c.prepare("PRAGMA synchronous");
    s.step();
    sync = s.int64(0);
  });
  CHECK(mode == "wal");
  CHECK(sync == 2);  // FULL
}
