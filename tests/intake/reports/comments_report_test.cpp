// The comments appendix from stored responses: every free-text answer listed per
// question, personal data masked, sorted so the order says nothing about who
// answered when.
#include <catch2/catch.hpp>

#include "db/invitee_store.h"
#include "db/response_store.h"
#include "db/survey_store.h"
#include "intake/reports/build_report.h"
#include "tests/intake/reports/report_fixtures.h"
#include "tests/support/temp_dir.h"

using namespace tilfreds;
using namespace tilfreds::intake::reports;

namespace {
// The fixture questionnaire (with a free-text question) and one wave of it.
db::WaveRow fixture_wave(db::Connection& c) {
  db::put_survey(c, {"fixture", 1, testing::fixture_questionnaire(1)});
  return {*db::create_wave(c, {0, "fixture", 1, "2024", "2024-09-01", "2024-09-30"}), "fixture", 1, "2024",
          "2024-09-01", "2024-09-30"};
}
}  // namespace

TEST_CASE("comments are read from the wave's responses, masked and sorted") {
  testing::TempDir dir;
  db::Database database(dir.file("t.db"));
  db::WaveRow wave;
  database.write([&](db::Connection& c) {
    wave = fixture_wave(c);
    const std::vector<std::string> answers = {
        R"({"q1":"hoej","kommentar":"Ring til mig på 12 34 56 78, CPR 010203-1234"})",
        R"({"q1":"slet","kommentar":"  "})",
        R"({"q1":"nogen","kommentar":"Altid venlige <3"})"};
    for (std::size_t i = 0; i < answers.size(); ++i) {
      const std::string k = std::to_string(i);
      db::insert_invitee(c, wave.id, {"r" + k, "stor", "{}", "t" + k, "c" + k, "", ""});
      auto id = db::find_invitee_by_reference(c, wave.id, "r" + k)->id;
      db::submit_response(c, id, {wave.id, "stor", "{}", answers[i], {}, {}}, "2024-09-10");
    }
  });
  CHECK(database.read([&](db::Connection& c) { return db::response_answers(c, wave.id); }).size() == 3);

  auto request = testing::fixture_request(ReportKind::kComments);
  request.waves = {wave};
  auto doc = build_report(database, request, testing::report_renderer());
  REQUIRE(doc.ok());
  const Table* table = nullptr;
  for (const auto& s : doc.value->sections) {
    for (const auto& b : s.blocks) {
      if (b.table) table = &*b.table;
    }
  }
  REQUIRE(table != nullptr);
  REQUIRE(table->rows.size() == 2);  // the blank answer is not a comment
  CHECK(table->rows[0].cells[0].text == "Altid venlige <3");
  const std::string masked = table->rows[1].cells[0].text;
  CHECK(masked.find("12 34 56 78") == std::string::npos);
  CHECK(masked.find("010203-1234") == std::string::npos);
  CHECK(masked.find("[telefon]") != std::string::npos);
  CHECK(masked.find("[CPR]") != std::string::npos);
}

TEST_CASE("a comments report of a questionnaire without text questions is refused") {
  auto waves = std::vector<WaveData>{testing::fixture_wave({"2024", 1, {}, 0, false})};
  waves[0].questionnaire.themes[0].questions.pop_back();  // drop "kommentar"
  testing::TempDir dir;
  db::Database database(dir.file("t.db"));
  auto r = comments_report(database, waves, testing::fixture_request(ReportKind::kComments),
                           ReportTexts(testing::report_renderer(), "da"));
  CHECK_FALSE(r.ok());
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].where == "--waves");
}

TEST_CASE("the comments report says that masking is a help, not a guarantee") {
  testing::TempDir dir;
  db::Database database(dir.file("t.db"));
  db::WaveRow wave;
  database.write([&](db::Connection& c) { wave = fixture_wave(c); });
  auto request = testing::fixture_request(ReportKind::kComments);
  request.waves = {wave};
  auto doc = build_report(database, request, testing::report_renderer());
  REQUIRE(doc.ok());
  REQUIRE_FALSE(doc.value->sections.empty());
  std::string notice;
  for (const auto& b : doc.value->sections.front().blocks) notice += b.text;
  CHECK(notice.find("ikke en garanti") != std::string::npos);
}
