// The audit log: appended in the caller's transaction, searchable, never changed.
#include "db/audit_store.h"

#include <catch2/catch.hpp>

#include "db/database.h"
#include "db/staff_store.h"
#include "tests/support/test_database.h"

using namespace tilfreds::db;
using tilfreds::testing::TestDatabase;

namespace {
struct Fixture {
  TestDatabase dir;
  Database db{dir.target()};
  std::int64_t anne = 0;

  Fixture() {
    db.write([&](Connection& c) {
      anne = *insert_staff_user(c, "anne", "staff", "h");
      record_audit(c, {anne, "anne", "view", "complaint", "K-1", "Jens Hansen", R"({"field":"name"})"});
      record_audit(c, {anne, "anne", "update", "complaint", "K-2", "Maja Jensen", "{}"});
      record_audit(c, {std::nullopt, "cli", "create", "user", "7", "", R"({"role":"staff"})"});
    });
  }
  std::vector<AuditRow> find(AuditFilter f) {
    return db.read([&](Connection& c) { return find_audit(c, f); });
  }
};
}  // namespace

TEST_CASE("an audit event is stored with a UTC time stamp and the actor") {
  Fixture f;
  auto rows = f.find({});
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].actor_name == "cli");  // newest first
  CHECK(!rows[0].actor_id);
  CHECK(rows[2].actor_id == f.anne);
  CHECK(rows[2].detail == R"({"field":"name"})");
  CHECK(rows[2].at.size() == 24);  // 2026-11-24T18:45:00.123Z
  CHECK(rows[2].at[10] == 'T');
  CHECK(rows[2].at.back() == 'Z');
}

TEST_CASE("the audit log refuses UPDATE and DELETE") {
  Fixture f;
  CHECK_THROWS_WITH(f.db.write([](Connection& c) { c.exec("UPDATE audit_event SET actor_name = 'x'"); }),
                    Catch::Contains("cannot be changed"));
  CHECK_THROWS_WITH(f.db.write([](Connection& c) { c.exec("DELETE FROM audit_event"); }),
                    Catch::Contains("cannot be changed"));
  auto rows = f.find({});
  CHECK(rows.size() == 3);
  CHECK(rows[2].actor_name == "anne");
}

TEST_CASE("an audit row rolls back with the change it belongs to") {
  Fixture f;
  CHECK_THROWS(f.db.write([&](Connection& c) {
    record_audit(c, {f.anne, "anne", "update", "complaint", "K-3", "X", "{}"});
    throw std::runtime_error("the change failed");
  }));
  CHECK(f.find({}).size() == 3);
}

TEST_CASE("the audit log is searched by citizen, entity, actor, action and date") {
  Fixture f;
  AuditFilter by_subject;
  by_subject.subject = "hansen";
  auto rows = f.find(by_subject);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].entity_id == "K-1");

  AuditFilter by_entity;
  by_entity.entity = "complaint";
  by_entity.entity_id = "K-2";
  CHECK(f.find(by_entity).size() == 1);

  AuditFilter by_actor;
  by_actor.actor = "ANN";
  CHECK(f.find(by_actor).size() == 2);

  AuditFilter by_action;
  by_action.action = "create";
  CHECK(f.find(by_action).size() == 1);

  std::string today = f.find({})[0].at.substr(0, 10);
  AuditFilter today_only;
  today_only.from = today;
  today_only.to = today;
  CHECK(f.find(today_only).size() == 3);
  AuditFilter past;
  past.to = "2000-01-01";
  CHECK(f.find(past).empty());
  AuditFilter future;
  future.from = "2999-01-01";
  CHECK(f.find(future).empty());
  AuditFilter malformed;
  malformed.from = "igår";
  CHECK(f.find(malformed).empty());
}

TEST_CASE("the audit log pages with limit and offset") {
  Fixture f;
  AuditFilter page;
  page.limit = 2;
  auto first = f.find(page);
  page.offset = 2;
  auto second = f.find(page);
  REQUIRE(first.size() == 2);
  REQUIRE(second.size() == 1);
  CHECK(second[0].id != first[0].id);
  CHECK(second[0].id != first[1].id);
}
