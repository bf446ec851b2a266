#include "db/table_contents.h"

#include <catch2/catch.hpp>

#include "db/database.h"
#include "tests/support/test_database.h"

using tilfreds::db::Connection;

TEST_CASE("table_contents sees every change to any table, whatever its storage order") {
  tilfreds::testing::TestDatabase dir;
  tilfreds::db::Database db(dir.target());
  const bool pg = dir.postgresql();
  db.write([pg](Connection& c) {
    c.exec(pg ? "CREATE TABLE \"odd \"\"name\"\"\" (a TEXT, b BYTEA, n BIGINT)"
              : "CREATE TABLE \"odd \"\"name\"\"\" (a TEXT, b BLOB, n INTEGER)");
    c.exec(pg ? "CREATE TABLE k (id TEXT PRIMARY KEY)" : "CREATE TABLE k (id TEXT PRIMARY KEY) WITHOUT ROWID");
    c.exec(std::string("INSERT INTO \"odd \"\"name\"\"\" VALUES ('x,y', ") + (pg ? "'\\x00ff'" : "x'00ff'") +
           ", NULL), ('z', NULL, 2)");
  });
  auto read = [&] { return db.read([](Connection& c) { return tilfreds::db::table_contents(c); }); };
  auto before = read();
  // Each engine's own literals (quote(), quote_nullable()): compared only with themselves.
  CHECK(before.at("odd \"name\"") == (pg ? std::vector<std::string>{"'x,y',E'\\\\x00ff',NULL", "'z',NULL,'2'"}
                                         : std::vector<std::string>{"'x,y',X'00FF',NULL", "'z',NULL,2"}));
  CHECK(before.at("k").empty());
  CHECK(before.count("invitee") == 1);  // the migrated schema is covered too
  db.write([](Connection& c) { c.exec("INSERT INTO k VALUES ('a')"); });
  CHECK(read() != before);
  db.write([](Connection& c) { c.exec("DELETE FROM k"); });
  CHECK(read() == before);
  db.write([](Connection& c) { c.exec("UPDATE \"odd \"\"name\"\"\" SET n = 3 WHERE a = 'z'"); });
  CHECK(read() != before);
}
