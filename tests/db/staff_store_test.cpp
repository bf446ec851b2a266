// Staff users, lockout bookkeeping and sessions as stored.
#include "db/staff_store.h"

#include <catch2/catch.hpp>

#include "db/database.h"
#include "tests/support/test_database.h"

using namespace tilfreds::db;
using tilfreds::testing::TestDatabase;

namespace {
struct Fixture {
  TestDatabase dir;
  Database db{dir.target()};

  std::int64_t add(const std::string& name, const std::string& role) {
    std::optional<std::int64_t> id;
    db.write([&](Connection& c) { id = insert_staff_user(c, name, role, "$argon2id$x"); });
    REQUIRE(id);
    return *id;
  }
};
}  // namespace

TEST_CASE("a user name is unique and a role outside the three is refused by the schema") {
  Fixture f;
  auto id = f.add("anne", "admin");
  std::optional<std::int64_t> again = 1;
  f.db.write([&](Connection& c) { again = insert_staff_user(c, "anne", "staff", "h"); });
  CHECK(!again);
  CHECK_THROWS_AS(f.db.write([](Connection& c) { insert_staff_user(c, "bent", "root", "h"); }), Error);
  auto row = f.db.read([&](Connection& c) { return find_staff_user(c, id); });
  REQUIRE(row);
  CHECK(row->name == "anne");
  CHECK(row->role == "admin");
  CHECK(row->active);
  CHECK(row->created_at.size() == 20);  // 2026-11-24T18:45:00Z
  CHECK(row->created_at.back() == 'Z');
}

TEST_CASE("the fifth failure in a row locks the account and starts the count again") {
  Fixture f;
  auto id = f.add("anne", "staff");
  std::vector<bool> locked;
  f.db.write([&](Connection& c) {
    for (int i = 0; i < 5; ++i) locked.push_back(record_login_failure(c, id, 1000, 5, 900));
  });
  CHECK(locked == std::vector<bool>{false, false, false, false, true});
  auto row = f.db.read([&](Connection& c) { return find_staff_user(c, id); });
  CHECK(row->locked_until == 1900);
  CHECK(row->failed_logins == 0);
  f.db.write([&](Connection& c) {
    record_login_failure(c, id, 2000, 5, 900);
    record_login_success(c, id);
  });
  CHECK(f.db.read([&](Connection& c) { return find_staff_user(c, id); })->failed_logins == 0);
}

TEST_CASE("a password reset clears failures and lockout") {
  Fixture f;
  auto id = f.add("anne", "staff");
  f.db.write([&](Connection& c) {
    for (int i = 0; i < 5; ++i) record_login_failure(c, id, 1000, 5, 900);
    CHECK(set_staff_password(c, id, "$argon2id$new"));
    CHECK(!set_staff_password(c, id + 99, "x"));
  });
  auto row = f.db.read([&](Connection& c) { return find_staff_user(c, id); });
  CHECK(row->locked_until == 0);
  CHECK(row->password_hash == "$argon2id$new");
}

TEST_CASE("a session is found until its idle or absolute end, and touching never passes the absolute end") {
  Fixture f;
  auto id = f.add("anne", "staff");
  f.db.write([&](Connection& c) { create_staff_session(c, "hash-1", {id, "csrf", 1000, 500}); });
  auto at = [&](std::int64_t now) {
    return f.db.read([&](Connection& c) { return find_staff_session(c, "hash-1", now); });
  };
  CHECK(at(499));
  CHECK(!at(500));
  f.db.write([&](Connection& c) { touch_staff_session(c, "hash-1", 5000); });
  CHECK(at(999));
  CHECK(!at(1000));
  CHECK(at(999)->idle_expires_at == 1000);
  CHECK(!f.db.read([&](Connection& c) { return find_staff_session(c, "other", 10); }));
}

TEST_CASE("sessions end by id, by user and by expiry") {
  Fixture f;
  auto anne = f.add("anne", "staff");
  auto bent = f.add("bent", "staff");
  int expired = 0, of_anne = 0;
  f.db.write([&](Connection& c) {
    create_staff_session(c, "a1", {anne, "x", 100, 100});
    create_staff_session(c, "a2", {anne, "x", 1000, 1000});
    create_staff_session(c, "b1", {bent, "x", 1000, 1000});
    create_staff_session(c, "b2", {bent, "x", 1000, 1000});
    expired = delete_expired_staff_sessions(c, 500);
    of_anne = delete_staff_sessions_of(c, anne);
    delete_staff_session(c, "b1");
  });
  CHECK(expired == 1);
  CHECK(of_anne == 1);
  CHECK(!f.db.read([&](Connection& c) { return find_staff_session(c, "b1", 0); }));
  CHECK(f.db.read([&](Connection& c) { return find_staff_session(c, "b2", 0); }));
}

TEST_CASE("active admins are counted for the last-admin guard") {
  Fixture f;
  auto a = f.add("anne", "admin");
  f.add("bent", "admin");
  f.add("carl", "staff");
  CHECK(f.db.read([](Connection& c) { return count_active_admins(c); }) == 2);
  f.db.write([&](Connection& c) { set_staff_active(c, a, false); });
  CHECK(f.db.read([](Connection& c) { return count_active_admins(c); }) == 1);
  auto names = f.db.read([](Connection& c) { return list_staff_users(c); });
  REQUIRE(names.size() == 3);
  CHECK(names[0].name == "anne");
  CHECK(names[2].name == "carl");
}
