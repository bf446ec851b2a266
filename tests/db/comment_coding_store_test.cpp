// Comment coding as stored (issue 13 §4): themes per wave, one coding per comment
// replaced in place, the answer itself untouched, and the schema refusing codes
// outside the closed lists.
#include "db/comment_coding_store.h"

#include <catch2/catch.hpp>

#include "db/database.h"
#include "db/response_store.h"
#include "db/survey_store.h"
#include "tests/support/test_database.h"

using namespace tilfreds::db;
using tilfreds::testing::TestDatabase;

namespace {
struct Fixture {
  TestDatabase dir;
  Database db{dir.target()};
  std::int64_t wave = 0, other = 0;

  Fixture() {
    db.write([&](Connection& c) {
      put_survey(c, {"s", 1, "{}"});
      wave = *create_wave(c, {0, "s", 1, "2024", std::nullopt, std::nullopt});
      other = *create_wave(c, {0, "s", 1, "2025", std::nullopt, std::nullopt});
      const std::vector<NewResponse> batch = {{wave, "g", "{}", R"({"k":"Fin service"})", {}, {}},
                                              {wave, "g", "{}", R"({"k":"Lang ventetid"})", {}, {}},
                                              {other, "g", "{}", R"({"k":"Andet år"})", {}, {}}};
      store_responses(c, batch);
    });
  }
  std::vector<ResponseAnswers> responses(std::int64_t w) {
    return db.read([&](Connection& c) { return wave_response_answers(c, w); });
  }
};
}  // namespace

TEST_CASE("themes are per wave, in the order added, and a name is taken once per wave", "[comment_coding_store]") {
  Fixture f;
  f.db.write([&](Connection& c) {
    auto a = add_comment_theme(c, f.wave, "Ventetid");
    auto b = add_comment_theme(c, f.wave, "Kontakt");
    REQUIRE(a);
    REQUIRE(b);
    CHECK_FALSE(add_comment_theme(c, f.wave, "Ventetid"));
    CHECK(add_comment_theme(c, f.other, "Ventetid"));  // another wave may use the name
  });
  auto themes = f.db.read([&](Connection& c) { return comment_themes(c, f.wave); });
  REQUIRE(themes.size() == 2);
  CHECK(themes[0].name == "Ventetid");
  CHECK(themes[1].name == "Kontakt");
  CHECK(themes[0].position < themes[1].position);
}

TEST_CASE("a coding is replaced in place and the answer is left as the citizen wrote it", "[comment_coding_store]") {
  Fixture f;
  const auto rs = f.responses(f.wave);
  REQUIRE(rs.size() == 2);
  CHECK(f.responses(f.other).size() == 1);
  std::int64_t theme = 0;
  f.db.write([&](Connection& c) {
    theme = *add_comment_theme(c, f.wave, "Ventetid");
    put_comment_code(c, {rs[0].response_id, "k", f.wave, theme, "ris", true, std::string("Lang ventetid.")});
    put_comment_code(c, {rs[0].response_id, "k", f.wave, std::nullopt, "ros", false, std::nullopt});
  });
  auto codes = f.db.read([&](Connection& c) { return comment_codes(c, f.wave); });
  REQUIRE(codes.size() == 1);
  CHECK_FALSE(codes[0].theme_id);
  CHECK(codes[0].tone == "ros");
  CHECK_FALSE(codes[0].quote);
  CHECK_FALSE(codes[0].wording);
  f.db.write([&](Connection& c) {
    put_comment_code(c, {rs[1].response_id, "k", f.wave, theme, "", true, std::string("Redigeret")});
  });
  auto one = f.db.read([&](Connection& c) { return find_comment_code(c, rs[1].response_id, "k"); });
  REQUIRE(one);
  CHECK(one->theme_id == theme);
  CHECK(one->wording == "Redigeret");
  CHECK(f.db.read([&](Connection& c) { return response_answers_in_wave(c, f.wave, rs[1].response_id); }) ==
        rs[1].answers);
  CHECK_FALSE(f.db.read([&](Connection& c) { return response_answers_in_wave(c, f.other, rs[1].response_id); }));
  CHECK(f.db.read([&](Connection& c) { return comment_codes(c, f.other); }).empty());
}

TEST_CASE("the schema refuses a tone outside ris and ros, an unknown theme and an unknown response",
          "[comment_coding_store]") {
  Fixture f;
  const auto rs = f.responses(f.wave);
  CHECK_THROWS_AS(f.db.write([&](Connection& c) {
                    put_comment_code(c, {rs[0].response_id, "k", f.wave, std::nullopt, "meh", false, std::nullopt});
                  }),
                  Error);
  CHECK_THROWS_AS(f.db.write([&](Connection& c) {
                    put_comment_code(c, {rs[0].response_id, "k", f.wave, 999, "", false, std::nullopt});
                  }),
                  Error);
  CHECK_THROWS_AS(f.db.write([&](Connection& c) {
                    put_comment_code(c, {12345, "k", f.wave, std::nullopt, "", false, std::nullopt});
                  }),
                  Error);
  CHECK(f.db.read([&](Connection& c) { return comment_codes(c, f.wave); }).empty());
}
