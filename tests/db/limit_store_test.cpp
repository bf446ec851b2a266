// The limits and kept forms that servers of one database share (migration 013), as
// stored: on both engines (the postgresql:* run), through two Database objects where
// the point is that another server sees the rows.
#include "db/limit_store.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "db/database.h"
#include "db/kept_form_store.h"
#include "tests/support/test_database.h"

using namespace tilfreds::db;
using tilfreds::testing::TestDatabase;

TEST_CASE("a sliding-window limit: counted until full, the window frees it, a give-back returns one") {
  TestDatabase dir;
  Database one{dir.target()};
  Database other{dir.target()};
  auto acquire = [](Database& db, std::int64_t now) {
    bool ok = false;
    db.write([&](Connection& c) { ok = acquire_limit_event(c, "address", "10.0.0.1", now, 60, 3); });
    return ok;
  };
  CHECK(acquire(one, 1000));
  CHECK(acquire(other, 1001));
  CHECK(acquire(one, 1002));
  CHECK_FALSE(acquire(other, 1003));  // the third was counted by the other one
  CHECK(one.read([](Connection& c) { return count_limit_events(c, "address", "10.0.0.1", 1003, 60); }) == 3);
  // Another key, another kind: their own counts.
  Connection raw(dir.target());
  CHECK(acquire_limit_event(raw, "account", "10.0.0.1", 1003, 60, 3));
  other.write([](Connection& c) { give_back_limit_event(c, "address", "10.0.0.1"); });
  CHECK(acquire(one, 1004));
  CHECK_FALSE(acquire(one, 1005));
  // Held now: 1000, 1001, 1004. 60 s after an event it has left the window.
  CHECK(acquire(other, 1060));        // 1001, 1004, 1060
  CHECK(acquire(other, 1061));        // 1004, 1060, 1061
  CHECK_FALSE(acquire(other, 1062));  // 1004 is still in the window
}

TEST_CASE("a recorded limit keeps the newest events only, and quiet logins are forgotten") {
  TestDatabase dir;
  Database db{dir.target()};
  for (std::int64_t t = 0; t < 8; ++t) {
    db.write([&](Connection& c) { record_limit_event(c, "code", "a", 100 + t, 900, 3); });
  }
  CHECK(db.read([](Connection& c) { return count_limit_events(c, "code", "a", 107, 900); }) == 3);
  CHECK(db.read([](Connection& c) { return count_limit_events(c, "code", "b", 107, 900); }) == 0);
  db.write([](Connection& c) {
    CHECK(count_login_try(c, "anne", "10.0.0.1", 100) == 1);
    CHECK(count_login_try(c, "anne", "10.0.0.1", 101) == 2);
    set_login_next_allowed(c, "anne", "10.0.0.1", 5000);
    CHECK(count_login_try(c, "bent", "10.0.0.1", 102) == 1);
  });
  db.write([](Connection& c) { forget_quiet_logins(c, 200, 300, 200); });
  auto anne = db.read([](Connection& c) { return find_login_pair(c, "anne", "10.0.0.1"); });
  REQUIRE(anne);  // still waiting: kept until it may try again
  CHECK(anne->attempts == 2);
  CHECK(anne->next_allowed == 5000);
  CHECK_FALSE(db.read([](Connection& c) { return find_login_pair(c, "bent", "10.0.0.1"); }));
  CHECK(db.read([](Connection& c) { return count_limit_events(c, "code", "a", 107, 900); }) == 0);
}

TEST_CASE("a login pair is read under its lock: a second server's try waits for the first's delay, then sees it") {
  TestDatabase dir;
  Database one{dir.target()};
  Database other{dir.target()};
  std::promise<void> locked;
  LoginPairRow first_saw;
  std::thread first([&] {
    one.write([&](Connection& c) {
      first_saw = lock_login_pair(c, "anne", "10.0.0.1", 100);
      locked.set_value();
      // The other server's try comes now, while this one has not yet counted its own.
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      count_login_try(c, "anne", "10.0.0.1", 100);
      set_login_next_allowed(c, "anne", "10.0.0.1", 5000);
    });
  });
  locked.get_future().wait();
  LoginPairRow second_saw;
  other.write([&](Connection& c) { second_saw = lock_login_pair(c, "anne", "10.0.0.1", 101); });
  first.join();
  CHECK(first_saw.attempts == 0);  // made by the lock, no try counted yet
  CHECK(first_saw.next_allowed == 0);
  CHECK(second_saw.attempts == 1);  // read after the first committed
  CHECK(second_saw.next_allowed == 5000);
}

TEST_CASE("a user's known addresses: the newest few") {
  TestDatabase dir;
  Database db{dir.target()};
  db.write([](Connection& c) {
    for (int i = 0; i < 5; ++i) remember_login_address(c, "anne", "10.0.0." + std::to_string(i), 100 + i, 3);
    remember_login_address(c, "anne", "10.0.0.0", 200, 3);  // again: now the newest
  });
  db.read([](Connection& c) {
    CHECK(is_known_login_address(c, "anne", "10.0.0.0"));
    CHECK_FALSE(is_known_login_address(c, "anne", "10.0.0.1"));
    CHECK_FALSE(is_known_login_address(c, "anne", "10.0.0.2"));
    CHECK(is_known_login_address(c, "anne", "10.0.0.3"));
    CHECK(is_known_login_address(c, "anne", "10.0.0.4"));
    CHECK_FALSE(is_known_login_address(c, "bent", "10.0.0.4"));
  });
}

TEST_CASE("a kept form: taken once, only by its browser and page, gone after the keep time, bounded") {
  TestDatabase dir;
  Database one{dir.target()};
  Database other{dir.target()};
  auto keep = [&](const std::string& id, std::int64_t at, std::int64_t bytes, std::int64_t max_entries = 10) {
    one.write([&](Connection& c) {
      keep_form_row(c, {id, "browser", "/admin", "[[\"a\",\"b\"]]", true, bytes, at}, at - 3600, max_entries, 100);
    });
  };
  auto take = [&](const std::string& id, const std::string& binding, std::optional<std::string> path,
                  std::int64_t now) {
    std::optional<KeptFormRow> row;
    other.write([&](Connection& c) { row = take_kept_form_row(c, id, binding, path, now - 3600); });
    return row;
  };
  keep("k1", 1000, 10);
  CHECK_FALSE(take("k1", "another browser", std::nullopt, 1001));
  CHECK_FALSE(take("k1", "browser", std::string("/elsewhere"), 1001));
  auto row = take("k1", "browser", std::string("/admin"), 1001);
  REQUIRE(row);
  CHECK(row->fields == "[[\"a\",\"b\"]]");
  CHECK(row->file_left_out);
  CHECK_FALSE(take("k1", "browser", std::nullopt, 1002));  // once
  keep("k2", 1000, 10);
  CHECK_FALSE(take("k2", "browser", std::nullopt, 4601));  // past the hour
  // Bounds: entries, then bytes; the oldest make room.
  keep("k3", 5000, 10, 2);
  keep("k4", 5001, 10, 2);
  keep("k5", 5002, 10, 2);
  CHECK_FALSE(take("k3", "browser", std::nullopt, 5003));
  keep("k6", 5003, 95, 2);  // k4 goes for the entry bound, k5 for the bytes (10 + 95 > 100)
  CHECK_FALSE(take("k4", "browser", std::nullopt, 5004));
  CHECK_FALSE(take("k5", "browser", std::nullopt, 5004));
  CHECK(take("k6", "browser", std::nullopt, 5004));
}
