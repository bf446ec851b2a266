// Case review as stored (issue 15): areas, schemes, the counts reports read,
// anonymising references, samples, and the action-status history.
#include "db/review_store.h"

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
  std::int64_t review = 0;

  Fixture() {
    db.write([&](Connection& c) {
      REQUIRE(add_review_area(c, {"jobcenter", "Jobcenter", "tilsyn", "quarterly", 10, 95, 75}));
      REQUIRE(put_review_scheme(c, {"jobcenter", 1, "2024-01-01", "{}"}) == PutScheme::kCreated);
      review = create_review(c, {0, "jobcenter", "2024Q1", "2024-03-31", 1});
    });
  }
  ReviewResultRow ok(const std::string& cp) { return {cp, "ok", std::nullopt, std::nullopt, std::nullopt}; }
  ReviewResultRow error(const std::string& cp, const std::string& age) {
    return {cp, "fejl", age, std::string("2024-01-05"), false};
  }
};
}  // namespace

TEST_CASE("areas are unique and a risk outside the three is refused by the schema", "[review_store]") {
  Fixture f;
  f.db.write([](Connection& c) {
    CHECK_FALSE(add_review_area(c, {"jobcenter", "Igen", "tilsyn", "monthly", std::nullopt, 95, 75}));
  });
  CHECK_THROWS_AS(f.db.write([](Connection& c) {
                    add_review_area(c, {"x", "X", "hoej", "monthly", std::nullopt, 95, 75});
                  }),
                  Error);
  auto areas = f.db.read([](Connection& c) { return review_areas(c); });
  REQUIRE(areas.size() == 1);
  CHECK(areas[0].sample_size == 10);
}

TEST_CASE("a scheme version is stored once; a different one under the same number conflicts", "[review_store]") {
  Fixture f;
  f.db.write([](Connection& c) {
    CHECK(put_review_scheme(c, {"jobcenter", 1, "2024-01-01", "{}"}) == PutScheme::kUnchanged);
    CHECK(put_review_scheme(c, {"jobcenter", 1, "2024-01-01", "{\"x\":1}"}) == PutScheme::kConflict);
    CHECK(put_review_scheme(c, {"jobcenter", 2, "2024-08-01", "{}"}) == PutScheme::kCreated);
  });
  CHECK(f.db.read([](Connection& c) { return review_schemes(c, "jobcenter"); }).size() == 2);
}

TEST_CASE("counts follow the results: correct cases, errors new and old, not relevant unchecked",
          "[review_store]") {
  Fixture f;
  f.db.write([&](Connection& c) {
    auto a = add_review_case(c, f.review, "dagpenge", 1, std::string("S-1"));
    auto b = add_review_case(c, f.review, "dagpenge", 2, std::string("S-2"));
    auto d = add_review_case(c, f.review, "mentor", 1, std::string("S-3"));
    save_review_results(c, f.review,
                        {{a, {f.ok("cp1"), f.error("cp2", "ny")}},
                         {b, {f.ok("cp1"), {"cp2", "ikke_relevant", std::nullopt, std::nullopt, std::nullopt}}},
                         {d, {f.error("cp1", "gammel")}}});
  });
  auto counts = f.db.read([&](Connection& c) { return review_counts(c, f.review); });
  REQUIRE(counts.groups.size() == 2);
  CHECK(counts.groups[0].group_id == "dagpenge");
  CHECK(counts.groups[0].cases == 2);
  CHECK(counts.groups[0].correct_cases == 1);
  CHECK(counts.groups[1].correct_cases == 0);
  REQUIRE(counts.points.size() == 3);
  CHECK(counts.points[1].control_point == "cp2");
  CHECK(counts.points[1].checked == 1);
  CHECK(counts.points[1].errors == 1);
  CHECK(counts.points[1].new_errors == 1);
  CHECK(counts.points[2].old_errors == 1);

  // Saving one case again replaces its results and recounts.
  auto cases = f.db.read([&](Connection& c) { return review_cases(c, f.review); });
  f.db.write([&](Connection& c) { save_case_results(c, cases[0].id, {f.ok("cp1"), f.ok("cp2")}); });
  counts = f.db.read([&](Connection& c) { return review_counts(c, f.review); });
  CHECK(counts.groups[0].correct_cases == 2);
  CHECK(counts.points[1].errors == 0);
  auto results = f.db.read([&](Connection& c) { return case_results(c, cases[0].id); });
  CHECK(results.size() == 2);
}

TEST_CASE("an error without its age, or a case twice in a group, is refused by the schema", "[review_store]") {
  Fixture f;
  CHECK_THROWS_AS(f.db.write([&](Connection& c) {
                    auto a = add_review_case(c, f.review, "dagpenge", 1, std::string("S-1"));
                    save_case_results(c, a, {{"cp1", "fejl", std::nullopt, std::nullopt, std::nullopt}});
                  }),
                  Error);
  CHECK_THROWS_AS(f.db.write([&](Connection& c) {
                    add_review_case(c, f.review, "dagpenge", 1, std::string("S-1"));
                    add_review_case(c, f.review, "dagpenge", 2, std::string("S-1"));
                  }),
                  Error);
}

TEST_CASE("anonymising clears references of old reviews only; results stay", "[review_store]") {
  Fixture f;
  std::int64_t later = 0;
  f.db.write([&](Connection& c) {
    auto a = add_review_case(c, f.review, "dagpenge", 1, std::string("S-1"));
    save_case_results(c, a, {f.error("cp1", "ny")});
    later = create_review(c, {0, "jobcenter", "2024Q2", "2024-06-30", 1});
    add_review_case(c, later, "dagpenge", 1, std::string("S-9"));
  });
  std::int64_t cleared = 0;
  f.db.write([&](Connection& c) { cleared = clear_case_refs(c, "2024-04-01"); });
  CHECK(cleared == 1);
  auto cases = f.db.read([&](Connection& c) { return review_cases(c, f.review); });
  CHECK_FALSE(cases[0].case_ref);
  CHECK(f.db.read([&](Connection& c) { return review_cases(c, later); })[0].case_ref == "S-9");
  CHECK(f.db.read([&](Connection& c) { return review_counts(c, f.review); }).points[0].errors == 1);
}

TEST_CASE("a sample is recorded once per group with its seed", "[review_store]") {
  Fixture f;
  f.db.write([&](Connection& c) {
    CHECK(record_review_sample(c, {f.review, "dagpenge", 18446744073709551615ULL, 40, 10, "ab", "anne", ""}));
    CHECK_FALSE(record_review_sample(c, {f.review, "dagpenge", 1, 40, 10, "ab", "anne", ""}));
  });
  auto s = f.db.read([&](Connection& c) { return review_samples(c, f.review); });
  REQUIRE(s.size() == 1);
  CHECK(s[0].seed == 18446744073709551615ULL);  // a full 64-bit seed survives SQLite's signed integer
  CHECK_THROWS_AS(f.db.write([&](Connection& c) {
                    record_review_sample(c, {f.review, "mentor", 1, 5, 10, "ab", "anne", ""});
                  }),
                  Error);
}

TEST_CASE("action status history is kept and cannot be rewritten", "[review_store]") {
  Fixture f;
  std::int64_t id = 0;
  f.db.write([&](Connection& c) {
    id = put_review_action(c, {0, "jobcenter", "2024Q1", "1", 1, "Opfølgning", "Tjekliste", "cp1", "Leder", "Q2 2024"});
    CHECK(put_review_action(c, {0, "jobcenter", "2024Q1", "1", 1, "Opfølgning", "Tjekliste v2", "cp1", "Leder", "Q3 2024"}) == id);
    add_action_status(c, {id, "2024Q2", "I gang", "yellow", "rita", ""});
    add_action_status(c, {id, "2024Q2", "Forsinket", "red", "rita", ""});
  });
  CHECK(f.db.read([&](Connection& c) { return find_review_action(c, id); })->text == "Tjekliste v2");
  auto history = f.db.read([&](Connection& c) { return action_statuses(c, id); });
  REQUIRE(history.size() == 2);
  CHECK(history.back().colour == "red");
  CHECK_THROWS_AS(f.db.write([](Connection& c) { c.exec("UPDATE review_action_status SET colour = 'green'"); }),
                  Error);
}

TEST_CASE("the reviewer role is accepted after migration 008", "[review_store]") {
  Fixture f;
  std::optional<std::int64_t> id;
  f.db.write([&](Connection& c) { id = insert_staff_user(c, "rita", "reviewer", "$argon2id$x"); });
  CHECK(id);
}
