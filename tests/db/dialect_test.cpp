#include "db/dialect.h"

#include <catch2/catch.hpp>
#include <set>
#include <span>
#include <string>

#include "embedded_file.h"

namespace tilfreds::embedded {
std::span<const EmbeddedFile> migrations();
std::span<const EmbeddedFile> postgresql_migrations();
}  // namespace tilfreds::embedded

using tilfreds::db::Engine;
using tilfreds::db::engine_of;
using tilfreds::db::to_postgresql;

TEST_CASE("a postgresql:// or postgres:// URI is PostgreSQL, anything else a SQLite file", "[dialect]") {
  CHECK(engine_of("postgresql://tilfreds@db.example/tilfreds") == Engine::kPostgresql);
  CHECK(engine_of("postgres:///tilfreds?host=/run/postgresql") == Engine::kPostgresql);
  CHECK(engine_of("tilfreds.db") == Engine::kSqlite);
  CHECK(engine_of("/var/lib/tilfreds/postgresql.db") == Engine::kSqlite);
  CHECK(engine_of("postgresql:") == Engine::kSqlite);  // a file of that odd name
}

TEST_CASE("a target is printed without its password", "[dialect]") {
  using tilfreds::db::shown_target;
  CHECK(shown_target("postgresql://tilfreds:s3cr@t@db.example:5432/tilfreds") ==
        "postgresql://tilfreds:***@db.example:5432/tilfreds");
  CHECK(shown_target("postgres://tilfreds@db.example/tilfreds") == "postgres://tilfreds@db.example/tilfreds");
  CHECK(shown_target("postgresql:///tilfreds?host=/run/postgresql&password=hemmelig&sslmode=require") ==
        "postgresql:///tilfreds?host=/run/postgresql&password=***&sslmode=require");
  CHECK(shown_target("postgresql://db.example/tilfreds?PASSWORD=x") == "postgresql://db.example/tilfreds?PASSWORD=***");
  CHECK(shown_target("/var/lib/tilfreds/a:b@c.db") == "/var/lib/tilfreds/a:b@c.db");  // a file keeps its name
}

TEST_CASE("placeholders are numbered as SQLite numbers them, quotes left alone", "[dialect]") {
  auto r = to_postgresql("SELECT ? , ?, 'a?b', \"c?\" FROM t WHERE x = ?");
  CHECK(r.sql == "SELECT $1 , $2, 'a?b', \"c?\" FROM t WHERE x = $3");
  CHECK(r.parameters == 3);
  // Numbered ones keep their number; a bare one after them takes the highest plus one.
  r = to_postgresql("WHERE a = ?2 OR b = ?1 OR c = ? OR d = ?10");
  CHECK(r.sql == "WHERE a = $2 OR b = $1 OR c = $3 OR d = $10");
  CHECK(r.parameters == 10);
  CHECK(to_postgresql("SELECT 'it''s ?'").parameters == 0);
}

TEST_CASE("SQLite's time, string and random functions are spelled for PostgreSQL", "[dialect]") {
  CHECK(to_postgresql("BEGIN IMMEDIATE").sql == "BEGIN");
  auto now = to_postgresql("VALUES (datetime('now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))").sql;
  CHECK(now.find("datetime") == std::string::npos);
  CHECK(now.find("'YYYY-MM-DD HH24:MI:SS'") != std::string::npos);
  CHECK(now.find("'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'") != std::string::npos);
  CHECK(to_postgresql("instr(lower(a), lower(?1)) > 0").sql == "strpos(lower(a), lower($1)) > 0");
  auto day = to_postgresql("at < date(?7, '+1 day')").sql;
  CHECK(day.find("CAST($7 AS date) + 1") != std::string::npos);
  CHECK(day.find("date(") == std::string::npos);
  CHECK(to_postgresql("abs(random() % 9223372036854775807)").sql.find("gen_random_uuid()") != std::string::npos);
  auto json = to_postgresql("FROM invitee i, json_each(i.background) j WHERE j.type = 'text'").sql;
  CHECK(json.find("LATERAL (SELECT") != std::string::npos);
  CHECK(json.find("jsonb_each(CAST(i.background AS jsonb)) e) j WHERE") != std::string::npos);
  // Words that merely contain a function's name are not touched.
  CHECK(to_postgresql("UPDATE t SET update_date = ?").sql == "UPDATE t SET update_date = $1");
}

TEST_CASE("both engines know the same migrations, by number and name", "[dialect]") {
  std::set<std::string> sqlite, postgresql;
  for (const auto& f : tilfreds::embedded::migrations()) sqlite.insert(std::string(f.path));
  for (const auto& f : tilfreds::embedded::postgresql_migrations()) postgresql.insert(std::string(f.path));
  CHECK(sqlite.size() >= 10);
  CHECK(sqlite == postgresql);
}
