// The case-review pages on the real server (issue 15): a quality coordinator
// draws the quarter's sample, registers a case in two steps (the act date asked
// only for errors), resumes at the next case; staff and secretaries get 403;
// every page with a case reference is audited; the secretary downloads the
// quarterly status from /rapporter.
#include "intake/review/review_routes.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "db/audit_store.h"
#include "db/review_store.h"
#include "intake/review/setup.h"
#include "tests/support/staff_login.h"
#include "tests/support/test_server.h"

using tilfreds::intake::staff::Role;
using tilfreds::testing::Browser;
using tilfreds::testing::TestServer;
namespace db = tilfreds::db;
namespace review = tilfreds::intake::review;

namespace {
constexpr const char* kPassword = "korrekt hest batteri";

std::string source(const std::string& path) {
  const char* src = std::getenv("TILFREDS_SOURCE_DIR");
  std::ifstream in(std::string(src ? src : ".") + "/" + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Site {
  TestServer server{0};  // the whole Site: the review pages and the reports among the others
  Site() {
    const tilfreds::intake::staff::Actor a{std::nullopt, "test"};
    REQUIRE(review::add_area(server.db(), a, {"jobcenter", "Jobcenter", "tilsyn", "quarterly", 2, 95, 75}).empty());
    REQUIRE(review::import_scheme(server.db(), a, source("tests/data/review/scheme_v1.json")).ok());
  }
  Browser as(const std::string& name, Role role) {
    tilfreds::testing::create_user(server.db(), name, role, kPassword);
    Browser b(server.port());
    REQUIRE(tilfreds::testing::login(b, name, kPassword));
    return b;
  }
  std::int64_t audits(const std::string& entity) {
    db::AuditFilter f;
    f.entity = entity;
    f.limit = 1000;
    return static_cast<std::int64_t>(server.db().read([&](db::Connection& c) { return db::find_audit(c, f); }).size());
  }
};

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("a reviewer draws a sample, registers a case with an error in two steps and resumes", "[review_http]") {
  Site site;
  Browser b = site.as("kvalitet", Role::kReviewer);
  auto home = b.get("/tilsyn");
  REQUIRE(home->status == 200);
  CHECK(has(home->body, "<form method=\"post\" action=\"/tilsyn/udtraek\""));

  // Bad input: the form comes back with the field named and the text kept.
  auto bad = b.post_multipart("/tilsyn/udtraek", {{"csrf", b.csrf()}, {"area", "jobcenter"}, {"period", "2024Q9"},
                                                  {"group", "dagpenge"}, {"list", "A-1\nA-2\nA-3\n"}});
  REQUIRE(bad->status == 422);
  CHECK(has(bad->body, "aria-invalid=\"true\""));
  CHECK(has(bad->body, "A-1\nA-2"));
  auto big = b.post_multipart("/tilsyn/udtraek", {{"csrf", b.csrf()}, {"area", "jobcenter"}, {"period", "2024Q3"},
                                                  {"group", "dagpenge"}, {"size", "4"}, {"list", "A-1\nA-2\nA-3\n"}});
  REQUIRE(big->status == 422);
  CHECK(has(big->body, "href=\"#f-size\""));
  CHECK(site.server.db().read([](db::Connection& c) { return db::find_review(c, "jobcenter", "2024Q3"); }) == std::nullopt);

  auto drawn = b.post_multipart("/tilsyn/udtraek", {{"csrf", b.csrf()}, {"area", "jobcenter"}, {"period", "2024Q3"},
                                                    {"group", "dagpenge"}, {"list", "A-1\nA-2\nA-3\n"}});
  REQUIRE(drawn->status == 303);
  auto review = site.server.db().read([](db::Connection& c) { return db::find_review(c, "jobcenter", "2024Q3"); });
  REQUIRE(review);
  CHECK(drawn->get_header_value("Location") == "/tilsyn/gennemgang/" + std::to_string(review->id));
  auto samples = site.server.db().read([&](db::Connection& c) { return db::review_samples(c, review->id); });
  REQUIRE(samples.size() == 1);
  CHECK(samples[0].population == 3);
  CHECK(samples[0].size == 2);  // the area's sample size

  auto list = b.get("/tilsyn/gennemgang/" + std::to_string(review->id));
  REQUIRE(list->status == 200);
  CHECK(site.audits("review") >= 1);
  auto cases = site.server.db().read([&](db::Connection& c) { return db::review_cases(c, review->id); });
  REQUIRE(cases.size() == 2);
  const std::string first = "/tilsyn/sag/" + std::to_string(cases[0].id);
  CHECK(has(list->body, "href=\"" + first + "\""));

  auto page = b.get(first);
  REQUIRE(page->status == 200);
  CHECK(has(page->body, "<fieldset class=\"question\" id=\"kp-cv\">"));
  CHECK(has(page->body, "<legend>CV godkendt"));
  CHECK(has(page->body, "type=\"radio\" id=\"kp-cv-fejl\" name=\"r_cv\" value=\"fejl\""));
  CHECK(!has(page->body, "type=\"date\""));  // new/old is not asked before an error is chosen
  CHECK(site.audits("review_case") == 1);

  // Step 1 without every point answered: 422, the points named.
  auto missing = b.post(first, {{"csrf", b.csrf()}, {"step", "1"}, {"r_cv", "fejl"}});
  REQUIRE(missing->status == 422);
  CHECK(has(missing->body, "href=\"#kp-journal\""));
  // Step 1 with an error: step 2 asks the act date for that point only.
  auto step2 = b.post(first, {{"csrf", b.csrf()}, {"step", "1"}, {"r_cv", "fejl"}, {"r_journal", "ok"}});
  REQUIRE(step2->status == 200);
  CHECK(has(step2->body, "name=\"d_cv\""));
  CHECK(!has(step2->body, "name=\"d_journal\""));
  CHECK(has(step2->body, "name=\"r_cv\" value=\"fejl\""));
  // A date after the review date is refused and nothing stored.
  auto future = b.post(first, {{"csrf", b.csrf()}, {"step", "2"}, {"r_cv", "fejl"}, {"r_journal", "ok"},
                               {"d_cv", "2024-12-01"}, {"p_cv", "nej"}});
  REQUIRE(future->status == 422);
  CHECK(site.server.db().read([&](db::Connection& c) { return db::case_results(c, cases[0].id); }).empty());
  auto saved = b.post(first, {{"csrf", b.csrf()}, {"step", "2"}, {"r_cv", "fejl"}, {"r_journal", "ok"},
                              {"d_cv", "2023-09-29"}, {"p_cv", "nej"}});
  REQUIRE(saved->status == 303);
  CHECK(saved->get_header_value("Location") == "/tilsyn/sag/" + std::to_string(cases[1].id));  // resumes at the next
  auto results = site.server.db().read([&](db::Connection& c) { return db::case_results(c, cases[0].id); });
  REQUIRE(results.size() == 2);
  CHECK(results[0].control_point == "cv");
  CHECK(results[0].error_age == "gammel");  // a day more than 12 months before 2024-09-30

  // The second case without errors is saved in one step; then back to the review.
  auto last = b.post("/tilsyn/sag/" + std::to_string(cases[1].id),
                     {{"csrf", b.csrf()}, {"step", "1"}, {"r_cv", "ok"}, {"r_journal", "ikke_relevant"}});
  REQUIRE(last->status == 303);
  CHECK(last->get_header_value("Location") == "/tilsyn/gennemgang/" + std::to_string(review->id));
  auto counts = site.server.db().read([&](db::Connection& c) { return db::review_counts(c, review->id); });
  REQUIRE(counts.groups.size() == 1);
  CHECK(counts.groups[0].cases == 2);
  CHECK(counts.groups[0].correct_cases == 1);

  // The secretary downloads the quarterly status; staff cannot.
  Browser s = site.as("sekretaer", Role::kSecretary);
  auto report = s.get("/rapporter/hent?kind=review&area=jobcenter&periods=2024Q3&format=json");
  REQUIRE(report->status == 200);
  auto j = nlohmann::json::parse(report->body);
  CHECK(j["figures"]["periods"][0]["groups"][0]["hidden"] == true);  // two cases: too few to show
  CHECK(!has(report->body, "A-1"));  // no case reference in a report
  auto form = s.get("/rapporter");
  CHECK(has(form->body, "<option value=\"jobcenter\""));
  CHECK(s.get("/tilsyn")->status == 403);
  CHECK(s.get(first)->status == 403);
  Browser st = site.as("sagsbehandler", Role::kStaff);
  CHECK(st.get("/tilsyn")->status == 403);
  CHECK(st.get("/rapporter/hent?kind=review&area=jobcenter&periods=2024Q3&format=json")->status == 403);
}

TEST_CASE("the report form refuses a review report of an unknown area with the field marked", "[review_http]") {
  Site site;
  Browser s = site.as("sekretaer", Role::kSecretary);
  auto r = s.get("/rapporter/hent?kind=review&area=nope&periods=2024Q3&format=html");
  REQUIRE(r->status == 422);
  CHECK(has(r->body, "href=\"#rapport-area\""));
  CHECK(has(r->body, "value=\"2024Q3\""));
}
