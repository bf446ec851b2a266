// The comments appendix from stored responses: personal data masked, sorted so the
// order says nothing about who answered when; once coded (issue 13 §4) grouped by
// theme with disclosure-controlled counts, ris og ros and the chosen quotes, the
// rest listed as without a theme — read back in every format.
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "db/audit_store.h"
#include "db/invitee_store.h"
#include "db/response_store.h"
#include "db/survey_store.h"
#include "intake/reports/build_report.h"
#include "intake/reports/comment_coding.h"
#include "intake/reports/render.h"
#include "tests/intake/reports/report_fixtures.h"
#include "tests/support/temp_dir.h"

using namespace tilfreds;
using namespace tilfreds::intake::reports;
using tilfreds::testing::Rows;

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

// ---- Coded comments: the appendix as the committee gets it (issue 13 §4) ----------

namespace {
const intake::staff::Actor kSecretary{std::nullopt, "sekretaer"};

// 20 comments in wave 2024: themes A (10), B (6), C (2), two without a theme;
// ris 3, ros 10, neither 7. One quote, edited to carry an e-mail address.
struct Coded {
  testing::TempDir dir;
  db::Database database{dir.file("t.db")};
  db::WaveRow wave;

  Coded() {
    std::vector<std::string> texts;
    for (int i = 1; i <= 10; ++i) texts.push_back("Tema A nr. " + std::to_string(i));
    for (int i = 1; i <= 6; ++i) texts.push_back("Tema B nr. " + std::to_string(i));
    for (int i = 1; i <= 2; ++i) texts.push_back("Tema C nr. " + std::to_string(i));
    texts.push_back("Ring til mig på 12 34 56 78");
    texts.push_back("Ukodet");
    database.write([&](db::Connection& c) {
      wave = fixture_wave(c);
      std::vector<db::NewResponse> batch;
      for (const auto& t : texts) {
        batch.push_back({wave.id, "stor", "{}", nlohmann::json{{"q1", "hoej"}, {"kommentar", t}}.dump(), {}, {}});
      }
      db::store_responses(c, batch);
    });
    for (const char* t : {"A", "B", "C"}) REQUIRE(add_theme(database, kSecretary, wave, std::string("Tema ") + t).ok());
    const WaveComments wc = wave_comments(database, wave);
    REQUIRE(wc.comments.size() == 20);
    int ris = 0, ros = 0;
    for (const auto& c : wc.comments) {
      if (c.text.rfind("Tema ", 0) != 0) continue;
      CodingInput in{c.id, c.text.substr(0, 6), "", false, ""};
      if (ris < 3) {
        in.tone = "ris";
        ++ris;
      } else if (ros < 10) {
        in.tone = "ros";
        ++ros;
      }
      if (c.text == "Tema A nr. 1") {
        in.quote = true;
        in.wording = "Skriv til a.b@example.dk, tak";
      }
      if (c.text == "Tema B nr. 2") in.quote = true;  // quoted as written
      REQUIRE(code_comment(database, kSecretary, wave, in).empty());
    }
  }
  Document document(const std::string& lang = "da") {
    auto request = testing::fixture_request(ReportKind::kComments);
    request.waves = {wave};
    request.lang = lang;
    auto doc = build_report(database, request, testing::report_renderer());
    REQUIRE(doc.ok());
    return *doc.value;
  }
};

const Table* table_of(const Document& d, const std::string& id) {
  for (const auto& s : d.sections) {
    for (const auto& b : s.blocks) {
      if (b.table && b.table->id == id) return &*b.table;
    }
  }
  return nullptr;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("coded comments come out by theme with counts, ris og ros, the chosen quotes and the uncoded") {
  Coded f;
  const Document d = f.document();
  const Table* themes = table_of(d, "themes_2024");
  REQUIRE(themes != nullptr);
  REQUIRE(themes->rows.size() == 3);
  CHECK(themes->rows[0].header == "Tema A");
  CHECK(themes->rows[0].cells[0].kind == CellKind::kCount);
  CHECK(themes->rows[0].cells[0].value == 10);
  // C's 2 is under the threshold; B is hidden beside it, or 18 − 10 would give C away.
  CHECK(themes->rows[1].cells[0].kind == CellKind::kHidden);
  CHECK(themes->rows[2].cells[0].kind == CellKind::kHidden);
  const Table* tone = table_of(d, "tone_2024");
  REQUIRE(tone != nullptr);
  REQUIRE(tone->rows.size() == 3);
  CHECK(tone->rows[0].header == "Ris");
  CHECK(tone->rows[0].cells[0].kind == CellKind::kHidden);  // 3
  CHECK(tone->rows[1].cells[0].value == 10);
  CHECK(tone->rows[2].cells[0].kind == CellKind::kHidden);  // 7, hidden beside the 3
  const Table* quotes = table_of(d, "quotes_2024");
  REQUIRE(quotes != nullptr);
  REQUIRE(quotes->rows.size() == 2);
  CHECK(quotes->rows[0].header == "Tema A");
  CHECK(quotes->rows[0].cells[0].text == "Skriv til [e-mail], tak");  // the edit, masked
  CHECK(quotes->rows[0].cells[1].text.empty());  // Ris is hidden (3): the word would say "at least one"
  // B's count is hidden: its quote is listed under "other themes", or it would
  // tell the reader that B has at least one.
  CHECK(quotes->rows[1].header == "Øvrige temaer");
  CHECK(quotes->rows[1].cells[0].text == "Tema B nr. 2");
  const Table* rest = table_of(d, "comments_2024");
  REQUIRE(rest != nullptr);
  REQUIRE(rest->rows.size() == 2);
  CHECK(rest->rows[0].cells[0].text == "Ring til mig på [telefon]");
  CHECK(rest->rows[1].cells[0].text == "Ukodet");
  // The citizen's words are kept as written: the edit lives beside them.
  bool original = false;
  for (const auto& a : f.database.read([&](db::Connection& c) { return db::response_answers(c, f.wave.id); })) {
    original = original || has(a, "Tema A nr. 1");
  }
  CHECK(original);
}

TEST_CASE("the coded appendix reads back the same in HTML, CSV, JSON, XLSX and PDF, nothing unmasked") {
  Coded f;
  const Document d = f.document();
  const auto& r = testing::report_renderer();
  const std::string html = render(d, Format::kHtml, r).bytes;
  Rows t = testing::html_table(html, "themes_2024");
  REQUIRE(t.size() == 4);
  CHECK(t[1][0] == "Tema A");
  CHECK(t[1][1] == "10");
  CHECK(t[3][1].rfind("–", 0) == 0);
  Rows q = testing::html_table(html, "quotes_2024");
  REQUIRE(q.size() == 3);
  CHECK(q[1][1] == "Skriv til [e-mail], tak");

  Rows csv = testing::csv_block(render(d, Format::kCsv, r).bytes, "Kommentarer efter tema 2024");
  REQUIRE(csv.size() == 4);
  CHECK(csv[0] == std::vector<std::string>{"Tema", "Antal"});
  CHECK(csv[1] == std::vector<std::string>{"Tema A", "10"});
  CHECK(csv[2] == std::vector<std::string>{"Tema B", "–"});
  CHECK(csv[3] == std::vector<std::string>{"Tema C", "–"});
  Rows ris = testing::csv_block(render(d, Format::kCsv, r).bytes, "Ris og ros 2024");
  REQUIRE(ris.size() == 4);
  CHECK(ris[2] == std::vector<std::string>{"Ros", "10"});

  auto j = nlohmann::json::parse(render(d, Format::kJson, r).bytes);
  int hidden = 0, published = 0;
  for (const auto& s : j["sections"]) {
    for (const auto& b : s["blocks"]) {
      if (!b.contains("table") || b["table"].is_null() || b["table"]["id"] != "themes_2024") continue;
      for (const auto& row : b["table"]["rows"]) {
        const auto& cell = row["cells"][0];
        if (cell["kind"] == "hidden") {
          ++hidden;
          CHECK_FALSE(cell.contains("value"));
        } else {
          ++published;
        }
      }
    }
  }
  CHECK(hidden == 2);
  CHECK(published == 1);

  auto cells = nlohmann::json::parse(testing::xlsx_cells_json(render(d, Format::kXlsx, r).bytes));
  bool quote = false, ten = false;
  for (const auto& s : cells["sheets"]) {
    for (auto& [ref, c] : s["cells"].items()) {
      if (c["t"] == "s" && c["v"] == "Skriv til [e-mail], tak") quote = true;
      if (c["t"] == "n" && c["v"] == 10) ten = true;
      if (c["t"] == "s") {
        CHECK_FALSE(has(c["v"].get<std::string>(), "12 34 56 78"));
        CHECK_FALSE(has(c["v"].get<std::string>(), "example.dk"));
      }
    }
  }
  CHECK(quote);
  CHECK(ten);

  testing::TempDir dir;
  const std::string path = dir.file("k.pdf");
  std::ofstream(path, std::ios::binary) << render(d, Format::kPdf, r).bytes;
  const std::string text = testing::command_output("pdftotext -layout '" + path + "' -");
  CHECK(has(text, "Skriv til [e-mail], tak"));
  CHECK(has(text, "Ring til mig på [telefon]"));
  CHECK_FALSE(has(text, "12 34 56 78"));
  CHECK_FALSE(has(text, "example.dk"));

  for (const auto& bytes : {html, render(d, Format::kCsv, r).bytes, render(d, Format::kJson, r).bytes}) {
    CHECK_FALSE(has(bytes, "12 34 56 78"));
    CHECK_FALSE(has(bytes, "example.dk"));
  }
}

namespace {
// One wave's comments coded as `plan` says: per comment its text, its theme ("" for
// none; themes are made as first named), its tone and whether it is quoted.
struct Planned {
  std::string text, theme, tone;
  bool quote = false;
};
Document planned_document(const std::vector<Planned>& plan) {
  testing::TempDir dir;
  db::Database database{dir.file("t.db")};
  db::WaveRow wave;
  database.write([&](db::Connection& c) {
    wave = fixture_wave(c);
    std::vector<db::NewResponse> batch;
    for (const auto& p : plan) {
      batch.push_back({wave.id, "stor", "{}", nlohmann::json{{"q1", "hoej"}, {"kommentar", p.text}}.dump(), {}, {}});
    }
    db::store_responses(c, batch);
  });
  std::vector<std::string> made;
  for (const auto& p : plan) {
    if (p.theme.empty() || std::find(made.begin(), made.end(), p.theme) != made.end()) continue;
    REQUIRE(add_theme(database, kSecretary, wave, p.theme).ok());
    made.push_back(p.theme);
  }
  const WaveComments wc = wave_comments(database, wave);
  for (const auto& c : wc.comments) {
    for (const auto& p : plan) {
      if (p.text != c.text || (p.theme.empty() && p.tone.empty() && !p.quote)) continue;
      REQUIRE(code_comment(database, kSecretary, wave, {c.id, p.theme, p.tone, p.quote, ""}).empty());
    }
  }
  auto request = testing::fixture_request(ReportKind::kComments);
  request.waves = {wave};
  auto doc = build_report(database, request, testing::report_renderer());
  REQUIRE(doc.ok());
  return *doc.value;
}

bool says(const Document& d, const std::string& part) {
  for (const auto& s : d.sections) {
    for (const auto& b : s.blocks) {
      if (!b.table && has(b.text, part)) return true;
    }
  }
  return false;
}
}  // namespace

TEST_CASE("a lone theme's hidden count cannot be worked out from the comments without a theme") {
  // 3 comments of one theme, 4 without: "7 comments, 3 with a theme" would give the
  // theme's 3 away beside a "–", so no theme is counted; its quote is "other".
  std::vector<Planned> plan;
  for (int i = 1; i <= 3; ++i) plan.push_back({"Tema A nr. " + std::to_string(i), "Tema A", i < 3 ? "ris" : "", i == 1});
  for (int i = 1; i <= 4; ++i) plan.push_back({"Ukodet " + std::to_string(i), "", "", false});
  const Document d = planned_document(plan);
  CHECK(table_of(d, "themes_2024") == nullptr);
  CHECK(says(d, "Færre end 5 kommentarer har fået et tema"));
  const Table* quotes = table_of(d, "quotes_2024");
  REQUIRE(quotes != nullptr);
  REQUIRE(quotes->rows.size() == 1);
  CHECK(quotes->rows[0].header == "Øvrige temaer");
  CHECK(quotes->rows[0].cells[1].text.empty());  // ris 2 is hidden
  // Ris 2, ros 0, neither 5 of 7: the 2 and the 0 sum to 2, so the 5 goes too.
  const Table* tone = table_of(d, "tone_2024");
  REQUIRE(tone != nullptr);
  for (const auto& row : tone->rows) CHECK(row.cells[0].kind == CellKind::kHidden);
  REQUIRE(table_of(d, "comments_2024") != nullptr);
  CHECK(table_of(d, "comments_2024")->rows.size() == 4);
}

TEST_CASE("with fewer comments than the threshold neither themes nor tones are counted") {
  const Document d = planned_document(
      {{"Tema A nr. 1", "Tema A", "ros", true}, {"Tema B nr. 1", "Tema B", "ris", false}, {"Ukodet", "", "", false}});
  CHECK(table_of(d, "themes_2024") == nullptr);
  CHECK(table_of(d, "tone_2024") == nullptr);
  CHECK(says(d, "færre end 5 kommentarer, så ris og ros tælles ikke"));
  const Table* quotes = table_of(d, "quotes_2024");
  REQUIRE(quotes != nullptr);
  CHECK(quotes->rows[0].header == "Øvrige temaer");
  CHECK(quotes->rows[0].cells[1].text.empty());
}

TEST_CASE("the English appendix says criticism and praise") {
  Coded f;
  const Document d = f.document("en");
  const Table* tone = table_of(d, "tone_2024");
  REQUIRE(tone != nullptr);
  CHECK(tone->rows[0].header == "Criticism");
  CHECK(tone->rows[1].header == "Praise");
}

TEST_CASE("coding refuses an unknown comment, theme or tone and a wording with control characters") {
  Coded f;
  const WaveComments wc = wave_comments(f.database, f.wave);
  const std::string id = wc.comments.front().id;
  auto where = [&](const CodingInput& in) {
    auto p = code_comment(f.database, kSecretary, f.wave, in);
    return p.empty() ? std::string() : p.front().where;
  };
  CHECK(where({"999.kommentar", "", "", false, ""}) == "comment");
  CHECK(where({"abc", "", "", false, ""}) == "comment");
  CHECK(where({std::to_string(wc.comments.front().response_id) + ".q1", "", "", false, ""}) == "comment");
  CHECK(where({id, "Tema X", "", false, ""}) == "theme");
  CHECK(where({id, "", "meh", false, ""}) == "tone");
  CHECK(where({id, "", "", true, std::string("a\x01") + "b"}) == "wording");
  CHECK(where({id, "", "", true, std::string(kMaxWording + 1, 'a')}) == "wording");
  CHECK_FALSE(add_theme(f.database, kSecretary, f.wave, "Tema A").ok());
  CHECK_FALSE(add_theme(f.database, kSecretary, f.wave, "  ").ok());
  CHECK_FALSE(add_theme(f.database, kSecretary, f.wave, "to\nlinjer").ok());
}

TEST_CASE("every coding change is audited with ids and codes, never the words") {
  Coded f;
  auto events = f.database.read([](db::Connection& c) {
    db::AuditFilter filter;
    filter.entity = "comment";
    filter.limit = 100;
    return db::find_audit(c, filter);
  });
  CHECK(events.size() == 18);
  for (const auto& e : events) {
    CHECK(e.actor_name == "sekretaer");
    CHECK(e.action == "code");
    CHECK_FALSE(has(e.detail, "example.dk"));
    CHECK_FALSE(has(e.detail, "Tema"));
  }
  // Saving the same coding again changes nothing and logs nothing.
  const WaveComments wc = wave_comments(f.database, f.wave);
  const auto& c = wc.comments.front();
  const auto* theme = c.theme_id ? wc.theme(*c.theme_id) : nullptr;
  REQUIRE(code_comment(f.database, kSecretary, f.wave,
                       {c.id, theme ? theme->name : "", c.tone, c.quote, c.wording.value_or("")})
              .empty());
  CHECK(f.database.read([](db::Connection& conn) {
          db::AuditFilter filter;
          filter.entity = "comment";
          filter.limit = 100;
          return db::find_audit(conn, filter);
        }).size() == 18);
  auto themes = f.database.read([](db::Connection& conn) {
    db::AuditFilter filter;
    filter.entity = "comment_theme";
    return db::find_audit(conn, filter);
  });
  CHECK(themes.size() == 3);
}
