// What only the PostgreSQL engine has: a server that can go away and come back,
// and a database several servers' connections share. Run by ctest against the
// throwaway cluster (TILFREDS_TEST_DB, tests/support/postgres_cluster.sh).
#include <atomic>
#include <chrono>
#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "db/connection.h"
#include "db/database.h"
#include "db/migrate.h"
#include "tests/support/test_database.h"

using tilfreds::db::Connection;
using tilfreds::db::Database;
using tilfreds::testing::TestDatabase;

namespace {
std::int64_t scalar(Connection& c, const std::string& sql) {
  auto st = c.prepare(sql);
  REQUIRE(st.step());
  return st.int64(0);
}

std::string text(Connection& c, const std::string& sql) {
  auto st = c.prepare(sql);
  REQUIRE(st.step());
  return st.text(0);
}
}  // namespace

TEST_CASE("the test run gives a PostgreSQL server") {
  TestDatabase dir;
  REQUIRE(dir.postgresql());
  Connection c(dir.target());
  CHECK(c.engine() == tilfreds::db::Engine::kPostgresql);
  CHECK(scalar(c, "SELECT 1") == 1);
}

TEST_CASE("the writer commits with synchronous_commit = on, readers need not") {
  TestDatabase dir;
  Database db(dir.target());
  std::string writer;
  db.write([&](Connection& c) { writer = text(c, "SHOW synchronous_commit"); });
  CHECK(writer == "on");
  CHECK(db.read([](Connection& c) { return text(c, "SHOW synchronous_commit"); }) == "off");
}

TEST_CASE("a connection whose server session ended is Unavailable once, then reconnects") {
  TestDatabase dir;
  Connection victim(dir.target());
  auto pid = scalar(victim, "SELECT pg_backend_pid()");
  auto plus_one = [&victim](std::int64_t x) {
    auto st = victim.prepare("SELECT ? + 1");
    st.bind(1, x);
    REQUIRE(st.step());
    return st.int64(0);
  };
  CHECK(plus_one(1) == 2);  // a prepared statement the new session must make again
  {
    Connection admin(dir.target());
    admin.prepare("SELECT pg_terminate_backend(CAST(? AS integer))").bind(1, pid).run();
  }
  // What a restart of PostgreSQL (57P01) or a lost network does to every session.
  CHECK_THROWS_AS(victim.prepare("SELECT 2").step(), tilfreds::db::Unavailable);
  CHECK(scalar(victim, "SELECT 3") == 3);
  CHECK(scalar(victim, "SELECT pg_backend_pid()") != pid);
  CHECK(plus_one(41) == 42);
}

TEST_CASE("a server that cannot be reached is Unavailable, not a crash") {
  TestDatabase dir;
  CHECK_THROWS_AS(Connection(TestDatabase::with_database(dir.target(), "no_such_database")),
                  tilfreds::db::Unavailable);
}

TEST_CASE("blobs and texts keep every byte, NULL stays NULL") {
  TestDatabase dir;
  Connection c(dir.target());
  c.exec("CREATE TABLE b (k BIGINT PRIMARY KEY, bytes BYTEA, t TEXT)");
  const std::string bytes("\0\x01\xff'\\x", 6);
  c.prepare("INSERT INTO b VALUES (?, ?, ?)").bind(1, std::int64_t{1}).bind_blob(2, bytes).bind(3, "æøå ?1 '").run();
  CHECK(c.changes() == 1);
  c.prepare("INSERT INTO b VALUES (?, ?, ?)").bind(1, std::int64_t{2}).bind_null(2).bind_null(3).run();
  auto st = c.prepare("SELECT bytes, t FROM b ORDER BY k");
  REQUIRE(st.step());
  CHECK(st.text(0) == bytes);
  CHECK(st.text(1) == "æøå ?1 '");
  REQUIRE(st.step());
  CHECK(st.is_null(0));
  CHECK_FALSE(st.optional_text(1).has_value());
  CHECK_FALSE(st.step());
}

TEST_CASE("a statement's error is Error and names the SQLSTATE, and the batch goes on past it") {
  TestDatabase dir;
  Database db(dir.target());
  db.write([](Connection& c) { c.exec("CREATE TABLE u (x BIGINT UNIQUE)"); });
  db.write([](Connection& c) { c.prepare("INSERT INTO u VALUES (?)").bind(1, std::int64_t{1}).run(); });
  CHECK_THROWS_WITH(
      db.write([](Connection& c) { c.prepare("INSERT INTO u VALUES (?)").bind(1, std::int64_t{1}).run(); }),
      Catch::Contains("23505"));
  db.write([](Connection& c) { c.prepare("INSERT INTO u VALUES (?)").bind(1, std::int64_t{2}).run(); });
  CHECK(db.read([](Connection& c) { return scalar(c, "SELECT count(*) FROM u"); }) == 2);
}

TEST_CASE("several servers starting at once migrate the database once") {
  TestDatabase dir;
  std::vector<std::thread> servers;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i) {
    servers.emplace_back([&] {
      try {
        Database db(dir.target());
      } catch (const std::exception& e) {
        UNSCOPED_INFO(e.what());
        ++failures;
      }
    });
  }
  for (auto& t : servers) t.join();
  CHECK(failures == 0);
  Connection c(dir.target());
  CHECK(scalar(c, "SELECT count(*) FROM schema_migration") ==
        scalar(c, "SELECT count(DISTINCT version) FROM schema_migration"));
  CHECK(scalar(c, "SELECT max(version) FROM schema_migration") == tilfreds::db::latest_schema_version());
}

TEST_CASE("a NULL bound as an optional has its type, where only \"? IS NULL\" would meet it") {
  TestDatabase dir;
  Connection c(dir.target());
  c.exec("CREATE TABLE f (status TEXT, offer_id BIGINT)");
  c.exec("INSERT INTO f VALUES ('received', 7), ('closed', 8)");
  // The filter shape of list_complaints: an empty filter passes every row.
  auto count = [&](std::optional<std::string> status, std::optional<std::int64_t> offer) {
    auto st = c.prepare("SELECT count(*) FROM f WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR offer_id = ?2)");
    st.bind(1, status).bind(2, offer);
    REQUIRE(st.step());
    return st.int64(0);
  };
  CHECK(count(std::nullopt, std::nullopt) == 2);
  CHECK(count(std::string("closed"), std::nullopt) == 1);
  CHECK(count(std::nullopt, std::int64_t{7}) == 1);
  CHECK(count(std::string("closed"), std::int64_t{7}) == 0);
}

TEST_CASE("two servers' writers take turns: no batch of one runs while the other's is open") {
  TestDatabase dir;
  Database a(dir.target());
  Database b(dir.target());
  a.write([](Connection& c) { c.exec("CREATE TABLE tally (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)"); });
  a.write([](Connection& c) { c.exec("INSERT INTO tally VALUES (1, 0)"); });
  std::atomic<int> inside{0}, overlaps{0};
  auto job = [&](Connection& c) {
    if (++inside > 1) ++overlaps;
    c.exec("UPDATE tally SET n = n + 1 WHERE id = 1");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    --inside;
  };
  std::vector<std::thread> writers;
  for (Database* db : {&a, &b, &a, &b}) {
    writers.emplace_back([db, &job] {
      for (int i = 0; i < 5; ++i) db->write(job);
    });
  }
  for (auto& t : writers) t.join();
  CHECK(overlaps == 0);
  Connection c(dir.target());
  CHECK(scalar(c, "SELECT n FROM tally WHERE id = 1") == 20);
}

TEST_CASE("a writer's job that PostgreSQL picks as a deadlock's victim runs again, stored once") {
  TestDatabase dir;
  Database db(dir.target());
  db.write([](Connection& c) {
    c.exec("CREATE TABLE pair (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)");
    c.exec("INSERT INTO pair VALUES (1, 0), (2, 0)");
  });
  // Another client (a second server's statement, a CLI command) holds row 2 and will want
  // row 1; the writer's job holds row 1 and waits for row 2 first, so PostgreSQL's deadlock
  // check, run by whoever has waited deadlock_timeout, picks the job as the victim.
  Connection other(dir.target());
  other.exec("BEGIN");
  other.exec("UPDATE pair SET n = n + 1 WHERE id = 2");
  std::atomic<int> tries{0};
  std::atomic<bool> holds_row_1{false}, failed{false};
  std::thread writer([&] {
    try {
      db.write([&](Connection& c) {
        ++tries;
        c.exec("UPDATE pair SET n = n + 1 WHERE id = 1");
        holds_row_1 = true;
        c.exec("UPDATE pair SET n = n + 1 WHERE id = 2");
      });
    } catch (const std::exception&) {
      failed = true;
      holds_row_1 = true;
    }
  });
  while (!holds_row_1) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the job waits for row 2 first
  other.exec("UPDATE pair SET n = n + 1 WHERE id = 1");
  other.exec("COMMIT");
  writer.join();
  CHECK(!failed);
  CHECK(tries == 2);
  Connection c(dir.target());
  // Both sides' two increments, each once: the victim's first try left nothing behind.
  CHECK(scalar(c, "SELECT n FROM pair WHERE id = 1") == 2);
  CHECK(scalar(c, "SELECT n FROM pair WHERE id = 2") == 2);
}
