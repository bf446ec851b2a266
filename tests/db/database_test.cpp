#include "db/database.h"

#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "db/migrate.h"
#include "tests/support/temp_dir.h"

using tilfreds::db::Connection;
using tilfreds::db::Database;
using tilfreds::testing::TempDir;

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
  TempDir dir;
  Database db(dir.file("t.db"));
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
  TempDir dir;
  Database db(dir.file("t.db"));
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
  TempDir dir;
  Database db(dir.file("t.db"));
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
  TempDir dir;
  std::int64_t applied = 0;
  {
    Database db(dir.file("t.db"));
    CHECK(count(db, "SELECT max(version) FROM schema_migration") == tilfreds::db::latest_schema_version());
    applied = count(db, "SELECT count(*) FROM schema_migration");
  }
  {
    Database again(dir.file("t.db"));  // reopening applies nothing twice
    CHECK(count(again, "SELECT count(*) FROM schema_migration") == applied);
    again.write([](Connection& c) { c.exec("INSERT INTO schema_migration VALUES (999, 'future', 'now')"); });
  }
  CHECK_THROWS_WITH(Database(dir.file("t.db")), Catch::Contains("newer tilfreds"));
}

TEST_CASE("a migration numbered below one the database already has is still applied") {
  // Branches land out of number order: a database made after 011 landed must still
  // get 005 when it lands later. Simulated by taking 005 out again.
  TempDir dir;
  {
    Database db(dir.file("t.db"));
    db.write([](Connection& c) {
      c.exec("DELETE FROM schema_migration WHERE version = 5");
      c.exec("DROP TABLE invitee_count; DROP TABLE journal_pad; DROP TABLE key_check;"
             "ALTER TABLE invitee DROP COLUMN hash_kind; ALTER TABLE invitee DROP COLUMN token_sealed;"
             "ALTER TABLE invitee DROP COLUMN code_sealed");
    });
    REQUIRE(count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'invitee_count'") == 0);
  }
  Database again(dir.file("t.db"));
  CHECK(count(again, "SELECT count(*) FROM schema_migration WHERE version = 5") == 1);
  CHECK(count(again, "SELECT count(*) FROM sqlite_master WHERE name = 'invitee_count'") == 1);
}

TEST_CASE("the database is in WAL mode and commits with synchronous=FULL") {
  TempDir dir;
  Database db(dir.file("t.db"));
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
