// The offers' quality as stored (migration 009): rating versions, the schema's last
// line against counts that do not add up or a smiley off the scale, targets, and
// the permissions beside a role.
#include "db/offer_quality_store.h"

#include <catch2/catch.hpp>

#include "db/database.h"
#include "db/offer_store.h"
#include "db/staff_permission_store.h"
#include "db/staff_store.h"
#include "tests/support/test_database.h"

using namespace tilfreds::db;
using tilfreds::testing::TestDatabase;

namespace {
struct Fixture {
  TestDatabase dir;
  Database db{dir.target()};
  std::int64_t offer = 0;
  Fixture() {
    db.write([&](Connection& c) { offer = *create_offer(c, "Praktik", put_provider(c, "Jobcenter", false), ""); });
  }
  RatingRow rating(const std::string& period, const std::string& smiley) const {
    RatingRow r;
    r.offer_id = offer;
    r.period = period;
    r.smiley = smiley;
    r.visited_on = "2025-09-01";
    r.supervisor = "Tilsynet";
    r.changed_by_name = "test";
    return r;
  }
};
}  // namespace

TEST_CASE("ratings are versions: the current is the highest, the history keeps every one") {
  Fixture f;
  std::vector<std::int64_t> versions;
  f.db.write([&](Connection& c) {
    versions.push_back(add_rating_version(c, f.rating("2025H1", "sur")));
    versions.push_back(add_rating_version(c, f.rating("2025H2", "neutral")));
    versions.push_back(add_rating_version(c, f.rating("2025H2", "glad")));
  });
  CHECK(versions == std::vector<std::int64_t>{1, 1, 2});
  f.db.read([&](Connection& c) {
    CHECK(current_rating(c, f.offer, "2025H2")->smiley == "glad");
    CHECK(!current_rating(c, f.offer, "2024H2"));
    auto now = current_ratings(c, "2025H2");
    REQUIRE(now.size() == 1);
    CHECK(now[0].version == 2);
    auto all = rating_history(c, f.offer);
    REQUIRE(all.size() == 3);
    CHECK(all[0].period == "2025H2");
    CHECK(all[0].version == 2);
    CHECK(all[2].smiley == "sur");
    CHECK(!all[0].changed_by);
    CHECK(all[0].changed_at.size() == 24);  // 2026-12-01T10:00:00.000Z
    return 0;
  });
}

TEST_CASE("the schema refuses a smiley off the scale and effects that do not add up") {
  Fixture f;
  CHECK_THROWS_AS(f.db.write([&](Connection& c) { add_rating_version(c, f.rating("2025H2", "happy")); }), Error);
  CHECK_THROWS_AS(f.db.write([&](Connection& c) { put_effect(c, {f.offer, "2025H2", 10, 8, 3}); }), Error);
  f.db.write([&](Connection& c) {
    put_effect(c, {f.offer, "2025H2", 10, 7, 3});
    put_effect(c, {f.offer, "2025H2", 12, 7, 3});  // replaces
    put_age(c, {f.offer, "2025H1", 1, 2, 3});
  });
  f.db.read([&](Connection& c) {
    auto e = list_effects(c, f.offer, "");
    REQUIRE(e.size() == 1);
    CHECK(e[0].ended == 12);
    CHECK(list_ages(c, 0, "2025H1").size() == 1);
    CHECK(list_ages(c, 0, "2025H2").empty());
    return 0;
  });
}

TEST_CASE("targets are set, replaced and cleared; permissions are granted once and revoked") {
  Fixture f;
  f.db.write([&](Connection& c) {
    set_target(c, {"effect", 50, 35});
    set_target(c, {"effect", 55, 35});
  });
  auto targets = f.db.read([](Connection& c) { return list_targets(c); });
  REQUIRE(targets.size() == 1);
  CHECK(targets[0].green_from == 55);
  CHECK_THROWS_AS(f.db.write([](Connection& c) { set_target(c, {"smiley", 50, 35}); }), Error);
  bool cleared = false;
  f.db.write([&](Connection& c) { cleared = clear_target(c, "effect"); });
  CHECK(cleared);

  std::int64_t user = 0;
  std::vector<bool> changes;
  f.db.write([&](Connection& c) {
    user = *insert_staff_user(c, "tilsyn", "secretary", "$argon2id$x");
    changes = {grant_permission(c, user, "supervisor"), grant_permission(c, user, "supervisor")};
  });
  CHECK(changes == std::vector<bool>{true, false});
  CHECK(f.db.read([&](Connection& c) { return has_permission(c, user, "supervisor"); }));
  CHECK(f.db.read([&](Connection& c) { return permissions_of(c, user); }) == std::vector<std::string>{"supervisor"});
  CHECK_THROWS_AS(f.db.write([&](Connection& c) { grant_permission(c, user, "root"); }), Error);
  f.db.write([&](Connection& c) { changes = {revoke_permission(c, user, "supervisor")}; });
  CHECK(changes == std::vector<bool>{true});
  CHECK(!f.db.read([&](Connection& c) { return has_permission(c, user, "supervisor"); }));
}
