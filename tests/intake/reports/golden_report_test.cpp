// Golden tests on a small fixed dataset, expected values derived by hand (and the
// test statistics with statsmodels, the call written beside them), checked by
// parsing each format: marks on changes beyond noise, a question missing in a
// wave, and the method note.
//
// Dataset: wave 2023 (questionnaire v1, imported aggregates) q1 = 40/30/20/10 of
// 100; wave 2024 (v2, adds yes/no q2) q1 = 20/30/30/20 of 100, q2 = 60 ja / 40 nej.
// Changes 2023 → 2024 in q1, pooled two-proportion z test
//   statsmodels.stats.proportion.proportions_ztest([x2023, x2024], [100, 100])[1]:
//   høj 40→20: 0.002028; nogen 30→30: 1.0; mindre 20→30: 0.1025;
//   slet 10→20: 0.04767; top-2 70→50: 0.003892.
// Benjamini–Hochberg over these 5, statsmodels.stats.multitest.multipletests(ps,
// method='fdr_bh')[1]: 0.00973, 1.0, 0.1281, 0.07945, 0.00973 → marks on "I høj
// grad" and the top-2 share only ("slet ikke" at raw p < 0.05 is not marked).
// Wilson 95 %: proportion_confint(70, 100, method='wilson') = (0.6042, 0.7811) →
// 60–78; proportion_confint(50, 100, method='wilson') = (0.4038, 0.5962) → 40–60.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "intake/reports/build_report.h"
#include "intake/reports/render.h"
#include "tests/intake/reports/report_fixtures.h"

using namespace tilfreds;
using namespace tilfreds::intake::reports;
using tilfreds::testing::FixtureWave;
using tilfreds::testing::Rows;

namespace {
const intake::web::Renderer& renderer() { return testing::report_renderer(); }

std::vector<WaveData> golden_waves() {
  FixtureWave a;
  a.label = "2023";
  a.version = 1;
  a.imported = true;
  a.counts["q1"] = {{"hoej", 40}, {"nogen", 30}, {"mindre", 20}, {"slet", 10}};
  a.respondents = 100;
  FixtureWave b;
  b.label = "2024";
  b.version = 2;
  b.counts["q1"] = {{"hoej", 20}, {"nogen", 30}, {"mindre", 30}, {"slet", 20}};
  b.counts["q2"] = {{"ja", 60}, {"nej", 40}};
  b.respondents = 100;
  return {testing::fixture_wave(a), testing::fixture_wave(b)};
}

Document golden() {
  return comparison_report(golden_waves(), testing::fixture_request(ReportKind::kComparison),
                           ReportTexts(renderer(), "da"));
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("golden HTML: percents, marks only where BH-adjusted p < 0.05, missing question") {
  std::string html = render(golden(), Format::kHtml, renderer()).bytes;
  Rows q1 = testing::html_table(html, "q_q1");
  REQUIRE(q1.size() == 3);
  CHECK(q1[1] == std::vector<std::string>{"2023importeret", "40 %", "30 %", "20 %", "10 %", "100", "70 % (60–78)"});
  CHECK(has(q1[2][1], "20 %"));
  CHECK(has(q1[2][1], "▼"));
  CHECK(has(q1[2][1], "faldet (dårligere)"));
  CHECK(q1[2][2] == "30 %");
  CHECK(q1[2][3] == "30 %");
  CHECK(q1[2][4] == "20 %");  // raw p 0.048, adjusted 0.079: no mark
  CHECK(has(q1[2][6], "50 % (40–60)"));
  CHECK(has(q1[2][6], "▼"));
  Rows q2 = testing::html_table(html, "q_q2");
  REQUIRE(q2.size() == 3);
  CHECK(q2[0] == std::vector<std::string>{"År", "Ja", "Nej", "Antal svar (n)"});
  CHECK(q2[1] == std::vector<std::string>{"2023ikke stillet dette år", "ikke stillet", "ikke stillet", "ikke stillet"});
  CHECK(q2[2] == std::vector<std::string>{"2024", "60 %", "40 %", "100"});
  // The caption names the table and, by its id, the keyboard-scrollable box around it.
  CHECK(has(html, "<caption id=\"q_q1-caption\">Hvor tilfreds er du alt i alt?</caption>"));
  CHECK(has(html, "role=\"region\" tabindex=\"0\" aria-labelledby=\"q_q1-caption\""));
  CHECK(has(html, "<th scope=\"row\">2024</th>"));
  CHECK(!has(html, "<script"));
  CHECK(!has(html, "style=\""));
}

TEST_CASE("golden CSV: a mark column beside the marked values, intervals as their own numbers") {
  std::string csv = render(golden(), Format::kCsv, renderer()).bytes;
  Rows q1 = testing::csv_block(csv, "Hvor tilfreds er du alt i alt?");
  REQUIRE(q1.size() == 3);
  // Every question table has a mark column per category, marked or not, so that
  // tables of a kind have the same columns and can be stacked (issue 13).
  CHECK(q1[0] == std::vector<std::string>{"År", "I høj grad (%)", "I høj grad: ændring", "I nogen grad (%)",
                                          "I nogen grad: ændring", "I mindre grad (%)", "I mindre grad: ændring",
                                          "Slet ikke (%)", "Slet ikke: ændring", "Antal svar (n)",
                                          "I høj grad + I nogen grad (%)",
                                          "I høj grad + I nogen grad: nedre grænse (%)",
                                          "I høj grad + I nogen grad: øvre grænse (%)",
                                          "I høj grad + I nogen grad: ændring", "Note"});
  CHECK(q1[1] == std::vector<std::string>{"2023", "40", "", "30", "", "20", "", "10", "", "100", "70", "60", "78", "",
                                          "importeret"});
  CHECK(q1[2] == std::vector<std::string>{"2024", "20", "faldet (dårligere)", "30", "", "30", "", "20", "", "100", "50",
                                          "40", "60", "faldet (dårligere)", ""});
  Rows q2 = testing::csv_block(csv, "Har du deltaget i et tilbud?");
  CHECK(q2[0] == std::vector<std::string>{"År", "Ja (%)", "Ja: ændring", "Nej (%)", "Nej: ændring", "Antal svar (n)", "Note"});
  CHECK(q2[1] == std::vector<std::string>{"2023", "ikke stillet", "", "ikke stillet", "", "ikke stillet", "ikke stillet dette år"});
  CHECK(q2[2] == std::vector<std::string>{"2024", "60", "", "40", "", "100", ""});
}

TEST_CASE("golden XLSX: one sheet per table, percent cells value/100, missing as text, method sheet") {
  auto cells = nlohmann::json::parse(testing::xlsx_cells_json(render(golden(), Format::kXlsx, renderer()).bytes));
  std::map<std::string, nlohmann::json> sheets;
  for (const auto& s : cells["sheets"]) sheets[s["name"]] = s["cells"];
  // Sheets are named after the question (≤ 31 characters, no "?": Excel refuses it).
  REQUIRE(sheets.count("Hvor tilfreds er du alt i alt") == 1);
  REQUIRE(sheets.count("Har du deltaget i et tilbud") == 1);
  auto& q1 = sheets["Hvor tilfreds er du alt i alt"];
  CHECK(q1["B5"]["v"].get<double>() == Approx(0.20));
  CHECK(q1["B5"]["fmt"] == "0%");
  CHECK(q1["C5"]["v"] == "faldet (dårligere)");
  CHECK(q1["K5"]["v"].get<double>() == Approx(0.50));
  CHECK(q1["L5"]["v"].get<double>() == Approx(0.40));
  CHECK(q1["M5"]["v"].get<double>() == Approx(0.60));
  CHECK(q1["J4"]["v"].get<double>() == 100);
  CHECK(q1["J4"]["fmt"] == "#,##0");
  auto& q2 = sheets["Har du deltaget i et tilbud"];
  CHECK(q2["B4"]["t"] == "s");
  CHECK(q2["B4"]["v"] == "ikke stillet");
  CHECK(q2["B5"]["v"].get<double>() == Approx(0.60));
  auto& method = sheets["Metode"];
  bool imported = false;
  for (auto& [ref, c] : method.items()) imported = imported || (c["t"] == "s" && has(c["v"], "2023 er importeret"));
  CHECK(imported);
}

TEST_CASE("golden JSON: missing cells have no value, marks carry direction and tone") {
  auto j = nlohmann::json::parse(render(golden(), Format::kJson, renderer()).bytes);
  const auto& blocks = j["sections"][0]["blocks"];
  const auto& q1 = blocks[0]["table"];
  CHECK(q1["rows"][1]["cells"][0]["indicator"]["direction"] == "down");
  CHECK(q1["rows"][1]["cells"][0]["indicator"]["tone"] == "bad");
  CHECK(!q1["rows"][1]["cells"][3].contains("indicator"));
  CHECK(q1["rows"][0]["cells"][5]["low"].get<double>() == 60);
  const auto& q2 = blocks[1]["table"];
  CHECK(q2["rows"][0]["cells"][0]["kind"] == "missing");
  CHECK(!q2["rows"][0]["cells"][0].contains("value"));
}

TEST_CASE("method note: versions, fielding, n, rate, suppression, rounding, tests, imported, warnings") {
  Document d = golden();
  std::map<std::string, std::string> note;
  std::vector<std::string> warnings;
  for (const auto& m : d.method) {
    if (m.warning) warnings.push_back(m.label + ": " + m.text);
    note[m.label] += m.text;
  }
  CHECK(note["Spørgeskema"] == "fixture version 1 (2023); fixture version 2 (2024)");
  CHECK(note["Indsamling"] == "2023: 2023-09-01 til 2023-09-30; 2024: 2024-09-01 til 2024-09-30");
  CHECK(note["Antal besvarelser (n)"] == "2023: 100; 2024: 100");
  CHECK(has(note["Svarprocent"], "RR1"));
  CHECK(has(note["Diskretionering"], "færre end 5 svar"));
  CHECK(has(note["Diskretionering"], "færre end 30 svar"));
  CHECK(has(note["Afrunding"], "halvt op"));
  CHECK(has(note["Test"], "95 %-niveau"));
  CHECK(has(note["Test"], "Benjamini–Hochberg"));
  CHECK(has(note["Test"], "alle 5 sammenligninger"));
  REQUIRE(warnings.size() == 2);
  CHECK(has(warnings[0], "2023 er importeret"));
  CHECK(has(warnings[1], "»Har du deltaget i et tilbud?« blev ikke stillet i 2023"));
}

TEST_CASE("citizens' text is escaped in HTML and cannot become a formula in CSV") {
  Document d;
  d.id = "comments";
  Table t;
  t.id = "comments_x";
  t.caption = "Kommentarer til jobcentret";
  t.corner = "Nr.";
  t.columns = {"Kommentar"};
  t.rows.push_back({"1", {Cell::text_cell("<script>alert(1)</script> & \"tak\"")}, ""});
  t.rows.push_back({"2", {Cell::text_cell("=HYPERLINK(\"http://x\";\"klik\")")}, ""});
  Block b;
  b.kind = Block::Kind::kTable;
  b.table = t;
  d.sections.push_back({"Kommentarer", {b}});
  std::string html = render(d, Format::kHtml, renderer()).bytes;
  CHECK(!has(html, "<script>alert"));
  CHECK(has(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;tak&quot;"));
  Rows rows = testing::csv_block(render(d, Format::kCsv, renderer()).bytes, "Kommentarer til jobcentret");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1][1] == "<script>alert(1)</script> & \"tak\"");
  CHECK(rows[2][1] == "'=HYPERLINK(\"http://x\";\"klik\")");
}

TEST_CASE("method note warns when the question text or the answer categories changed") {
  auto waves = golden_waves();
  auto& old_q1 = waves[0].questionnaire.themes[0].questions[0];
  REQUIRE(old_q1.id == "q1");
  old_q1.text["da"] = "Hvor tilfreds var du?";
  old_q1.options.pop_back();  // 2023 had no "slet ikke": its counts would not compare
  Document d = comparison_report(waves, testing::fixture_request(ReportKind::kComparison),
                                 ReportTexts(renderer(), "da"));
  std::vector<std::string> warnings;
  for (const auto& m : d.method) {
    if (m.warning) warnings.push_back(m.text);
  }
  auto any = [&](const std::string& part) {
    return std::any_of(warnings.begin(), warnings.end(), [&](const auto& w) { return has(w, part); });
  };
  CHECK(any("Spørgsmålsteksten i 2023 er ændret"));
  CHECK(any("Svarkategorierne i 2023 er ændret for »Hvor tilfreds er du alt i alt?«"));
}
