// The offers' quality figures (issue 16): imports refuse bad files whole, ratings
// keep every version, and the overview's new columns match independent
// references (the call that produced each value is written beside it).
#include <catch2/catch.hpp>

#include "db/audit_store.h"
#include "db/database.h"
#include "db/offer_quality_store.h"
#include "db/offer_store.h"
#include "db/table_contents.h"
#include "intake/complaints/statistics.h"
#include "intake/offers/overview_columns.h"
#include "intake/offers/quality_input.h"
#include "intake/web/render.h"
#include "tests/support/temp_dir.h"

namespace db = tilfreds::db;
namespace reports = tilfreds::intake::reports;
using namespace tilfreds::intake::offers;
using tilfreds::intake::complaints::parse_period;

namespace {
using tilfreds::intake::Problems;
const Editor kTest{std::nullopt, "test"};
const std::string kToday = "2026-12-01";

struct Fixture {
  tilfreds::testing::TempDir dir;
  db::Database db{dir.file("t.db")};
  tilfreds::intake::web::Renderer renderer;
  std::int64_t praktik = 0, mentor = 0, old = 0;
  Fixture() {
    db.write([&](db::Connection& c) {
      praktik = *db::create_offer(c, "Praktik", db::put_provider(c, "Jobcenter", false), "dagpenge");
      mentor = *db::create_offer(c, "Mentor", db::put_provider(c, "Mentorhuset", true), "");
      old = *db::create_offer(c, "Gammelt", db::put_provider(c, "Jobcenter", false), "");
      db::set_offer_active(c, old, false);
    });
  }
  std::map<std::string, std::vector<std::string>> snapshot() {
    return db.read([](db::Connection& c) { return db::table_contents(c); });
  }
};

bool has(const Problems& problems, const std::string& where, const std::string& key) {
  for (const auto& p : problems) {
    if (p.where == where && p.message == key) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("a file of effects with any bad row is refused whole, every problem named by line") {
  Fixture f;
  auto before = f.snapshot();
  auto r = import_effects(f.db,
                          "offer;period;ended;in_work;in_education\n"
                          "Praktik;2025H2;100;40;10\n"        // good
                          "Ukendt;2025H2;10;1;1\n"            // unknown offer
                          "Mentor;2999H1;10;1;1\n"            // period not begun
                          "Mentor;2025H2;10;8;3\n"            // 8 + 3 > 10
                          "Mentor;2025-2;10;1;1\n"            // not a half-year
                          "Praktik;2025H2;100;40;10\n"        // twice
                          "Mentor;2025H1;ti;1;1\n",           // not a count
                          kTest, kToday);
  CHECK(r.stored == 0);
  CHECK(has(r.problems, "line 3 (offer)", "offer_error_unknown_offer"));
  CHECK(has(r.problems, "line 4 (period)", "offer_error_period_future"));
  CHECK(has(r.problems, "line 5 (in_work)", "offer_error_effect_sum"));
  CHECK(has(r.problems, "line 6 (period)", "offer_error_period"));
  CHECK(has(r.problems, "line 7 (period)", "offer_error_duplicate"));
  CHECK(has(r.problems, "line 8 (ended)", "offer_error_count"));
  CHECK(r.problems.size() == 6);
  CHECK(f.snapshot() == before);  // nothing stored, not even the good row

  auto ok = import_effects(f.db, "offer;period;ended;in_work;in_education\nPraktik;2025H2;100;40;10\n", kTest, kToday);
  CHECK(ok.problems.empty());
  CHECK(ok.stored == 1);
  auto rows = f.db.read([&](db::Connection& c) { return db::list_effects(c, 0, "2025H2"); });
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].in_work == 40);
}

TEST_CASE("ratings: a smiley outside the scale and an inactive offer are refused; each change is a new version, audited") {
  Fixture f;
  auto before = f.snapshot();
  auto bad = import_ratings(f.db,
                            "offer;period;smiley;visited;supervisor;summary\n"
                            "Praktik;2025H2;happy;2025-09-01;Tilsynet;x\n"
                            "Gammelt;2025H2;glad;2025-09-01;Tilsynet;x\n"
                            "Mentor;2025H2;glad;2999-01-01;Tilsynet;x\n"
                            "Mentor;2025H1;glad;2025-03-01;;x\n",
                            kTest, kToday);
  CHECK(has(bad.problems, "line 2 (smiley)", "offer_error_smiley"));
  CHECK(has(bad.problems, "line 3 (offer)", "offer_error_inactive"));
  CHECK(has(bad.problems, "line 4 (visited)", "offer_error_visit_future"));
  CHECK(has(bad.problems, "line 5 (supervisor)", "offer_error_supervisor"));
  CHECK(f.snapshot() == before);

  auto first = import_ratings(f.db, "offer;period;smiley;visited;supervisor\nPraktik;2025H2;neutral;2025-09-01;Tilsynet\n",
                              kTest, kToday);
  REQUIRE(first.problems.empty());
  auto parsed = parse_rating({"2025H2", "glad", "2025-10-01", "Tilsynet", "Rettet efter genbesøg"},
                             f.db.read([&](db::Connection& c) { return db::find_offer(c, f.praktik); }), kToday);
  REQUIRE(parsed.ok());
  CHECK(save_rating(f.db, *parsed.value, Editor{std::nullopt, "admin"}) == 2);
  auto history = f.db.read([&](db::Connection& c) { return db::rating_history(c, f.praktik); });
  REQUIRE(history.size() == 2);
  CHECK(history[0].smiley == "glad");
  CHECK(history[0].version == 2);
  CHECK(history[1].smiley == "neutral");  // the earlier version is kept
  auto audit = f.db.read([](db::Connection& c) {
    db::AuditFilter filter;
    filter.entity = "offer_rating";
    return db::find_audit(c, filter);
  });
  CHECK(audit.size() == 2);

  // The form's own checks: an unknown offer, a missing smiley.
  auto none = parse_rating({"2025H2", "", "2025-10-01", "Tilsynet", ""}, std::nullopt, kToday);
  CHECK(has(none.problems, "tilbud", "offer_error_unknown_offer"));
  CHECK(has(none.problems, "smiley", "offer_error_smiley"));
}

TEST_CASE("age bands must add up to the citizens given; a good file sets the citizens") {
  Fixture f;
  auto bad = import_ages(f.db, "offer;period;under_30;age_30_49;age_50_plus;citizens\nPraktik;2025H2;10;20;30;61\n",
                         kTest, kToday);
  CHECK(has(bad.problems, "line 2 (citizens)", "offer_error_age_sum"));
  auto ok = import_ages(f.db, "offer;period;under_30;age_30_49;age_50_plus\nPraktik;2025H2;10;20;30\n", kTest, kToday);
  REQUIRE(ok.problems.empty());
  CHECK(f.db.read([&](db::Connection& c) { return db::offer_citizens(c, f.praktik, "2025H2"); }) == 60);
}

TEST_CASE("the overview's effect, age and smiley columns against the references") {
  Fixture f;
  REQUIRE(import_effects(f.db,
                         "offer;period;ended;in_work;in_education\n"
                         "Praktik;2025H1;180;61;12\nPraktik;2025H2;190;82;15\n"
                         "Mentor;2025H1;40;9;3\nMentor;2025H2;4;1;1\n",
                         kTest, kToday)
              .problems.empty());
  REQUIRE(import_ages(f.db,
                      "offer;period;under_30;age_30_49;age_50_plus\nPraktik;2025H2;130;180;110\nMentor;2025H2;3;40;27\n",
                      kTest, kToday)
              .problems.empty());
  REQUIRE(import_ratings(f.db,
                         "offer;period;smiley;visited;supervisor\n"
                         "Praktik;2025H1;neutral;2025-03-01;T\nPraktik;2025H2;glad;2025-09-01;T\n"
                         "Mentor;2025H2;sur;2025-09-01;T\n",
                         kTest, kToday)
              .problems.empty());
  f.db.write([](db::Connection& c) { db::set_target(c, {"effect", 50, 35}); });
  auto doc = tilfreds::intake::complaints::quality_overview(f.db, *parse_period("2025H2"), std::nullopt, f.renderer,
                                                            "da", quality_thresholds(f.db));
  const reports::Table& t = *doc.sections[0].blocks[0].table;
  REQUIRE(t.columns.size() == 13);
  auto row = [&](const std::string& name) {
    for (const auto& r : t.rows) {
      if (r.header == name) return r;
    }
    FAIL("no row " << name);
    return reports::Row{};
  };
  auto praktik = row("Praktik");
  // Citizens 420, bands 130/180/110: all published.
  CHECK(praktik.cells[6].value == 420);
  CHECK(praktik.cells[7].value == 130);
  CHECK(praktik.cells[9].value == 110);
  // Effect (82 + 15) / 190.
  // statsmodels.stats.proportion.proportion_confint(97, 190, alpha=0.05, method='wilson')
  //   = (0.4399456274484319, 0.5806897929839951)
  const auto& effect = praktik.cells[10];
  CHECK(effect.value == Approx(100.0 * 97 / 190));
  CHECK(*effect.low == Approx(43.99456274484319).epsilon(1e-9));
  CHECK(*effect.high == Approx(58.06897929839951).epsilon(1e-9));
  // 51 % is green from 50 %.
  CHECK(effect.indicator->light == "green");
  // Against 2025H1's 73/180: statsmodels.stats.proportion.proportions_ztest([97, 73], [190, 180])
  //   = (2.0250828655428164, 0.042858856018352744): p < 0.05, up, good.
  CHECK(effect.indicator->direction == "up");
  CHECK(effect.indicator->tone == "good");
  CHECK(praktik.cells[11].value == 190);
  // Smiley: glad, up from neutral; the word and the shape, not colour alone.
  CHECK(praktik.cells[12].text == "☺ Glad");
  CHECK(praktik.cells[12].indicator->light == "green");
  CHECK(praktik.cells[12].indicator->direction == "up");

  auto mentor = row("Mentor");
  // Bands 3/40/27: 3 is hidden, and 27 (the smallest other) with it so the 3
  // cannot be worked out from the 70 citizens printed.
  CHECK(mentor.cells[6].value == 70);
  CHECK(mentor.cells[7].kind == reports::CellKind::kHidden);
  CHECK(mentor.cells[8].value == 40);
  CHECK(mentor.cells[9].kind == reports::CellKind::kHidden);
  // 2 of 4 ended: too few to show a share, or the number that ended.
  CHECK(mentor.cells[10].kind == reports::CellKind::kHidden);
  CHECK(mentor.cells[11].kind == reports::CellKind::kHidden);
  CHECK(mentor.cells[12].text == "☹ Sur");
  CHECK(mentor.cells[12].indicator->light == "red");
  CHECK(mentor.cells[12].indicator->direction.empty());  // no rating the half-year before

  // The inactive offer without figures: missing, not zero.
  auto old = row("Gammelt");
  CHECK(old.cells[10].kind == reports::CellKind::kMissing);
  CHECK(old.cells[12].kind == reports::CellKind::kMissing);

  // The visits table and the method note.
  const reports::Table& visits = *doc.sections[0].blocks[1].table;
  CHECK(visits.rows.size() == 2);
  bool target_line = false;
  for (const auto& m : doc.method) target_line = target_line || m.text.find("50/35 %") != std::string::npos;
  CHECK(target_line);
}

TEST_CASE("an effect without a target has no light; the arrow stays without a clear change") {
  Fixture f;
  REQUIRE(import_effects(f.db,
                         "offer;period;ended;in_work;in_education\nMentor;2025H1;40;9;3\nMentor;2025H2;44;8;2\n",
                         kTest, kToday)
              .problems.empty());
  auto doc = tilfreds::intake::complaints::quality_overview(f.db, *parse_period("2025H2"), std::nullopt, f.renderer,
                                                            "en", quality_thresholds(f.db));
  const auto& t = *doc.sections[0].blocks[0].table;
  const reports::Row* mentor = nullptr;
  for (const auto& r : t.rows) mentor = r.header == "Mentor" ? &r : mentor;
  REQUIRE(mentor);
  const auto& effect = mentor->cells[10];
  // statsmodels.stats.proportion.proportion_confint(10, 44, alpha=0.05, method='wilson')
  //   = (0.12841947594917152, 0.36992358064636344)
  CHECK(*effect.low == Approx(12.841947594917152).epsilon(1e-9));
  CHECK(*effect.high == Approx(36.992358064636344).epsilon(1e-9));
  // proportions_ztest([10, 12], [44, 40]) = (-0.7571572646641851, 0.44895564977865365): no clear change.
  CHECK(effect.indicator->light.empty());
  CHECK(effect.indicator->direction == "unchanged");
}

TEST_CASE("targets override the built-in thresholds of satisfaction and not upheld") {
  Fixture f;
  CHECK(quality_thresholds(f.db).satisfaction_green == 80);
  f.db.write([](db::Connection& c) {
    db::set_target(c, {"satisfaction", 70, 50});
    db::set_target(c, {"not_upheld", 85, 60});
  });
  auto th = quality_thresholds(f.db);
  CHECK(th.satisfaction_green == 70);
  CHECK(th.satisfaction_yellow == 50);
  CHECK(th.not_upheld_green == 85);
  CHECK(!effect_target(f.db));
  // The schema refuses yellow above green even if a caller forgot to check.
  CHECK_THROWS_AS(f.db.write([](db::Connection& c) { db::set_target(c, {"effect", 40, 60}); }), db::Error);
}
