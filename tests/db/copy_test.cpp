// db copy (issue 17): a SQLite deployment moved to PostgreSQL loses no row and keeps working.
#include "db/copy.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>

#include "db/database.h"
#include "db/invitee_store.h"
#include "db/migrate.h"
#include "db/response_store.h"
#include "db/staff_store.h"
#include "db/survey_store.h"
#include "tests/support/test_database.h"

using namespace tilfreds::db;
using tilfreds::testing::TempDir;
using tilfreds::testing::TestDatabase;

namespace {
// A small deployment: a wave with invitees, one submitted, a user with a session.
void fill(Connection& c) {
  Transaction tx(c);
  put_survey(c, {"s", 1, "{\"q\":1}"});
  auto wave = *create_wave(c, {0, "s", 1, "2024", std::string("2024-01-01"), std::nullopt});
  for (int i = 0; i < 3; ++i) {
    std::string k = std::to_string(i);
    insert_invitee(c, wave, {"r" + k, "dagpenge", "{\"tilbud\":\"praktik\"}", std::string("t\0\xff", 3) + k,
                             "c" + k, "sealed" + k, ""});
  }
  auto first = find_invitee_by_reference(c, wave, "r0")->id;
  submit_response(c, first,
                  {wave, "dagpenge", "{}", "{\"q\":\"a\"}", {{"all", "", "q", "a"}}, {{"all", ""}}},
                  "2024-02-01");
  auto user = *insert_staff_user(c, "ane", "admin", "$argon2id$x");
  create_staff_session(c, std::string("\x01\x02", 2), {user, "csrf", 100, 50});
  tx.commit();
}
}  // namespace

TEST_CASE("db copy moves every row in one go, and the copy works on") {
  TempDir dir;
  TestDatabase target;  // PostgreSQL in the run that has the cluster
  Connection from(dir.file("old.db"));
  migrate(from);
  fill(from);
  Connection to(target.target());
  auto result = copy_database(from, to);
  REQUIRE(result.refused.empty());
  std::map<std::string, std::int64_t> rows;
  for (const auto& t : result.tables) {
    CHECK(t.target_rows == t.source_rows);
    rows[t.table] = t.target_rows;
  }
  CHECK(rows.at("invitee") == 3);
  CHECK(rows.at("response") == 1);
  CHECK(rows.at("staff_session") == 1);
  CHECK(rows.at("invitee_count") > 0);
  CHECK(rows.count("schema_migration") == 0);  // the target's own migrations made it
  // Parents before children: the order the foreign keys need.
  auto at = [&](const std::string& t) {
    return std::find_if(result.tables.begin(), result.tables.end(), [&](auto& x) { return x.table == t; }) -
           result.tables.begin();
  };
  CHECK(at("survey") < at("wave"));
  CHECK(at("wave") < at("invitee"));
  CHECK(at("staff_user") < at("staff_session"));

  // Blobs byte for byte, lookups by hash, and new rows get fresh ids after the copied ones.
  auto token = find_invitee_by_token(to, {std::string("t\0\xff", 3) + "1", {}});
  REQUIRE(token);
  CHECK(token->reference == "r1");
  CHECK(find_sealed_secrets(to, token->id)->token == "sealed1");
  CHECK(find_staff_session(to, std::string("\x01\x02", 2), 10)->csrf == "csrf");
  auto second = insert_staff_user(to, "bo", "staff", "$argon2id$y");
  REQUIRE(second);
  CHECK(*second > find_staff_user_by_name(to, "ane")->id);
  CHECK(status_counts(to, token->wave_id)[InviteeStatus::kCompleted] == 1);

  SECTION("a second copy into the now full target is refused and changes nothing") {
    auto again = copy_database(from, to);
    CHECK_THAT(again.refused, Catch::Contains("not empty"));
    CHECK(again.tables.empty());
    auto st = to.prepare("SELECT count(*) FROM invitee");
    st.step();
    CHECK(st.int64(0) == 3);
  }
}
