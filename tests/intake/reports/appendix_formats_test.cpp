// Issue 13 §1 and §3: one rounding in every format, open waves marked preliminary,
// "ingen svar" where nobody answered, the rates report as one table, the same CSV
// columns for every table of a kind, XLSX that prints as it is, marks readable in
// black and white, the plain-language guide before the method note, and the PDF
// read back with poppler (pdfinfo, pdffonts, pdftotext -layout).
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "intake/reports/build_report.h"
#include "intake/reports/render.h"
#include "intake/reports/render_parts.h"
#include "intake/reports/pdf_merge.h"
#include "intake/reports/render_pdf.h"
#include "tests/intake/reports/report_fixtures.h"
#include "tests/support/temp_dir.h"

using namespace tilfreds;
using namespace tilfreds::intake::reports;
using tilfreds::testing::FixtureWave;
using tilfreds::testing::Rows;

namespace {
const intake::web::Renderer& renderer() { return testing::report_renderer(); }
bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Ressourceforløb 2026: 5 of 16 answered = 31.25 %, printf's "31,2", half up "31,3".
std::vector<WaveData> rate_waves() {
  FixtureWave f;
  f.label = "2026";
  f.version = 2;
  f.counts["q1"] = {{"hoej", 40}, {"nogen", 30}, {"mindre", 20}, {"slet", 15}};
  f.respondents = 105;
  WaveData w = testing::fixture_wave(f);
  w.totals.by_group["stor"] = {200, 10, 4, 0, 100};
  w.totals.by_group["lille"] = {16, 0, 0, 0, 5};
  w.totals.total = {216, 10, 4, 0, 105};
  return {w};
}

Document rates() {
  return rates_report(rate_waves(), testing::fixture_request(ReportKind::kRates), ReportTexts(renderer(), "da"));
}

std::string run(const std::string& command) { return testing::command_output(command); }

struct PdfFile {
  testing::TempDir dir;
  std::string path;
  explicit PdfFile(const std::string& bytes) : path(dir.file("r.pdf")) { std::ofstream(path, std::ios::binary) << bytes; }
  std::string info() const { return run("pdfinfo '" + path + "'"); }
  std::string fonts() const { return run("pdffonts '" + path + "'"); }
  std::string text() const { return run("pdftotext -layout '" + path + "' -"); }
  std::string structure() const { return run("pdfinfo -struct '" + path + "' 2>&1"); }
};

// The golden two-wave data: "I høj grad" falls 40 → 20 (a real change), the top
// share 70 → 50 (real); q2 only in 2024.
std::vector<WaveData> two_waves(bool newest_open) {
  FixtureWave a;
  a.label = "2023";
  a.version = 2;
  a.counts["q1"] = {{"hoej", 40}, {"nogen", 30}, {"mindre", 20}, {"slet", 10}};
  a.counts["q2"] = {{"ja", 0}, {"nej", 0}};
  a.respondents = 100;
  FixtureWave b;
  b.label = "2024";
  b.version = 2;
  b.counts["q1"] = {{"hoej", 20}, {"nogen", 30}, {"mindre", 30}, {"slet", 20}};
  b.counts["q2"] = {{"ja", 60}, {"nej", 40}};
  b.respondents = 100;
  std::vector<WaveData> w = {testing::fixture_wave(a), testing::fixture_wave(b)};
  w[1].open = newest_open;
  w[1].totals.total = {401, 0, 0, 0, 100};
  return w;
}
}  // namespace

TEST_CASE("rounding: 5/16 = 31.25 % is 31,3 in HTML, CSV, JSON, XLSX and PDF") {
  Document d = rates();
  Rows html = testing::html_table(render(d, Format::kHtml, renderer()).bytes, "rates");
  bool found = false;
  for (const auto& r : html) found = found || (r.size() > 5 && r[0].rfind("Lille 2026", 0) == 0 && r[5] == "31,3 %");
  CHECK(found);
  Rows csv = testing::csv_block(render(d, Format::kCsv, renderer()).bytes,
                                "Inviterede, besvarelser og svarprocent pr. gruppe og år");
  found = false;
  for (const auto& r : csv) found = found || (r.size() > 5 && r[0] == "Lille 2026" && r[5] == "31,3");
  CHECK(found);
  auto j = nlohmann::json::parse(render(d, Format::kJson, renderer()).bytes);
  found = false;
  for (const auto& r : j["sections"][0]["blocks"][0]["table"]["rows"]) {
    if (r["header"] == "Lille 2026") found = r["cells"][4].value("value", 0.0) == 31.3;
  }
  CHECK(found);
  auto cells = nlohmann::json::parse(testing::xlsx_cells_json(render(d, Format::kXlsx, renderer()).bytes));
  found = false;
  for (const auto& s : cells["sheets"]) {
    for (auto& [ref, c] : s["cells"].items()) {
      if (c["t"] == "n" && std::abs(c["v"].get<double>() - 0.313) < 1e-12 && c["fmt"] == "0.0%") found = true;
    }
  }
  CHECK(found);
  PdfFile pdf(render(d, Format::kPdf, renderer()).bytes);
  CHECK(std::regex_search(pdf.text(), std::regex("Lille 2026 +16 +0 +0 +5 +31,3 %")));
}

TEST_CASE("rounding: one function, decimal-exact half up") {
  CHECK(stats::round_half_up(31.25, 1) == 31.3);
  CHECK(stats::round_half_up(0.145 * 100, 0) == 15);  // 14.499999999999998 in binary
  CHECK(stats::round_half_up(2.5, 0) == 3);
  CHECK(stats::round_half_up(-2.5, 0) == -3);
  CHECK(stats::round_half_up(1.005, 2) == 1.01);
  ReportTexts texts(renderer(), "da");
  CHECK(texts.number(31.25, 1) == "31,3");
  CHECK(texts.number(0.5, 0) == "1");
  CHECK_THROWS_AS(stats::round_half_up(1.0, 7), std::invalid_argument);
}

TEST_CASE("PDF: tagged, titled, Danish, fonts embedded, page numbers and running header, tables in reading order") {
  Document d = comparison_report(two_waves(false), testing::fixture_request(ReportKind::kComparison),
                                 ReportTexts(renderer(), "da"));
  d.organisation = "Lejre Kommune";
  Rendered r = render(d, Format::kPdf, renderer());
  CHECK(r.content_type == "application/pdf");
  CHECK(r.file_name == "comparison.pdf");
  PdfFile pdf(r.bytes);
  const std::string info = pdf.info();
  CHECK(std::regex_search(info, std::regex("Tagged: +yes")));
  CHECK(std::regex_search(info, std::regex("Title: +Sammenligning over år")));
  CHECK(std::regex_search(info, std::regex("Page size: +59[45]\\.[0-9]* x 841\\.[0-9]* pts \\(A4\\)")));
  CHECK(has(r.bytes, "/Lang (da)"));
  const std::string fonts = pdf.fonts();
  std::istringstream lines(fonts);
  std::string line;
  int font_rows = 0;
  for (int i = 0; std::getline(lines, line); ++i) {
    if (i < 2 || line.empty()) continue;  // header and rule
    ++font_rows;
    CAPTURE(line);
    CHECK(std::regex_search(line, std::regex(" yes +yes +yes ")));  // embedded, subset, unicode
  }
  CHECK(font_rows > 0);
  const std::string text = pdf.text();
  INFO(text);
  CHECK(has(text, "Lejre Kommune"));
  CHECK(std::regex_search(text, std::regex("Side 1 af [0-9]+")));
  // The table as rows, left to right: the header (its long labels wrap inside
  // their cells), then each wave's percents, the mark and its footnote sign.
  CHECK(std::regex_search(text, std::regex("År +I høj grad +I nogen +I mindre +Slet +Antal")));
  CHECK(std::regex_search(text, std::regex("2023 +40 % +30 % +20 % +10 % +100 +70 % \\(60–78\\)")));
  CHECK(std::regex_search(text, std::regex("2024 +20 % ▼ dårligere\\* +30 % +30 % +20 % +100 +50 % \\(40–60\\)")));
  // The plain-language guide comes before the technical note.
  CHECK(text.find("Sådan skal tallene læses") < text.find("Metode"));
}

TEST_CASE("PDF: parts printed apart merge into one tagged PDF with one structure tree, in order") {
  // The print file of a large wave is printed in parts (fieldwork/letter_document.cpp).
  PdfPrinter printer;
  auto page = [](const std::string& heading) {
    return "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Breve</title></head><body><h1>" +
           heading + "</h1><p>Brødtekst " + heading + ".</p></body></html>";
  };
  PdfFile pdf(merge_pdfs({printer.print(page("Første del")), printer.print(page("Anden del")),
                          printer.print(page("Tredje del"))}));
  const std::string info = pdf.info();
  INFO(info);
  CHECK(std::regex_search(info, std::regex("Pages: +3")));
  CHECK(std::regex_search(info, std::regex("Tagged: +yes")));
  CHECK(std::regex_search(info, std::regex("Title: +Breve")));
  const std::string text = pdf.text();
  CHECK(text.find("Første del") < text.find("Anden del"));
  CHECK(text.find("Anden del") < text.find("Tredje del"));
  // One root element holding every part's headings; poppler finds no fault in it.
  const std::string tree = pdf.structure();
  INFO(tree);
  CHECK(std::regex_search(tree, std::regex("^Document\n")));
  CHECK_FALSE(has(tree, "Syntax"));
  std::size_t headings = 0;
  for (auto at = tree.find("H1"); at != std::string::npos; at = tree.find("H1", at + 1)) ++headings;
  CHECK(headings == 3);
  CHECK(merge_pdfs({"%PDF-1.4 one part is returned as it is"}) == "%PDF-1.4 one part is returned as it is");
  CHECK_THROWS_AS(merge_pdfs({"not a pdf", "nor this"}), std::runtime_error);
}

TEST_CASE("PDF: a clear error when the engine is missing") {
  const char* old = std::getenv("TILFREDS_CHROMIUM");
  setenv("TILFREDS_CHROMIUM", "/nonexistent/chromium", 1);
  CHECK(pdf_engine().empty());
  CHECK_THROWS_AS(html_to_pdf("<p>x</p>"), PdfEngineMissing);
  try {
    html_to_pdf("<p>x</p>");
  } catch (const PdfEngineMissing& e) {
    CHECK(has(e.what(), "apt-get install chromium"));
  }
  if (old) {
    setenv("TILFREDS_CHROMIUM", old, 1);
  } else {
    unsetenv("TILFREDS_CHROMIUM");
  }
}

TEST_CASE("open wave: every table row, headline and the method note say preliminary, with answered so far and the close date") {
  auto request = testing::fixture_request(ReportKind::kTotal);
  Document d = total_report(two_waves(true), request, ReportTexts(renderer(), "da"));
  const std::string preliminary = "foreløbige tal: 100 af 401 inviterede har svaret indtil nu, bølgen lukker 2024-09-30";
  int rows_2024 = 0, headlines = 0;
  for (const auto& s : d.sections) {
    for (const auto& b : s.blocks) {
      if (b.kind == Block::Kind::kHeadline) {
        ++headlines;
        CHECK(has(b.text, preliminary));
      }
      if (b.kind != Block::Kind::kTable) continue;
      for (const auto& r : b.table->rows) {
        if (r.header != "2024") continue;
        ++rows_2024;
        CHECK(has(r.note, preliminary));
      }
    }
  }
  CHECK(rows_2024 == 3);  // response rate, q1, q2
  CHECK(headlines == 1);
  bool method = false;
  for (const auto& m : d.method) method = method || (m.warning && has(m.text, "2024 er ikke afsluttet") && has(m.text, preliminary));
  CHECK(method);
  // A closed wave says nothing of the kind.
  Document closed = total_report(two_waves(false), request, ReportTexts(renderer(), "da"));
  CHECK_FALSE(has(render(closed, Format::kHtml, renderer()).bytes, "foreløbige tal"));
}

TEST_CASE("asked but nobody answered: 'ingen svar', not 'ikke stillet'") {
  Document d = comparison_report(two_waves(false), testing::fixture_request(ReportKind::kComparison),
                                 ReportTexts(renderer(), "da"));
  Rows q2 = testing::html_table(render(d, Format::kHtml, renderer()).bytes, "q_q2");
  REQUIRE(q2.size() == 3);
  CHECK(q2[1][0] == "2023spørgsmålet blev stillet, men ingen svarede");
  CHECK(q2[1][1] == "ingen svar");
  CHECK(q2[1][3] == "0");
}

TEST_CASE("rates report: one table of groups × years with ineligible, undeliverable, RR1 and RR2") {
  auto waves = rate_waves();
  WaveData older = waves[0];
  older.wave.label = "2025";
  waves.insert(waves.begin(), older);
  Document d = rates_report(waves, testing::fixture_request(ReportKind::kRates), ReportTexts(renderer(), "da"));
  REQUIRE(d.sections.size() == 1);
  REQUIRE(d.sections[0].blocks.size() == 1);
  Rows rows = testing::html_table(render(d, Format::kHtml, renderer()).bytes, "rates");
  CHECK(rows[0] == std::vector<std::string>{"Gruppe og år", "Inviterede", "Uden for målgruppen", "Ukendt (brev retur)",
                                            "Besvaret", "Svarprocent (besvaret ÷ inviterede)", "AAPOR RR1", "AAPOR RR2"});
  std::vector<std::string> headers;
  for (std::size_t i = 1; i < rows.size(); ++i) headers.push_back(rows[i][0].substr(0, rows[i][0].find("20") + 4));
  CHECK(headers == std::vector<std::string>{"Stor 2025", "Stor 2026", "Lille 2025", "Lille 2026", "I alt 2025", "I alt 2026"});
  // Stor: 100 of 200, 10 ineligible → RR1 = 100 / 190 = 52.6 %.
  CHECK(rows[2][6] == "52,6 %");
}

TEST_CASE("CSV: every question table of a kind has the same columns, a hidden column keeps its header") {
  FixtureWave f;
  f.label = "2024";
  f.version = 2;
  f.counts["q1"] = {{"hoej", 50}, {"nogen", 40}, {"mindre", 2}, {"slet", 8}};  // 2: hidden
  f.counts["q2"] = {{"ja", 60}, {"nej", 40}};
  f.respondents = 100;
  FixtureWave g = f;
  g.label = "2023";
  g.counts["q1"] = {{"hoej", 50}, {"nogen", 30}, {"mindre", 10}, {"slet", 10}};
  Document a = comparison_report({testing::fixture_wave(g), testing::fixture_wave(f)},
                                 testing::fixture_request(ReportKind::kComparison), ReportTexts(renderer(), "da"));
  Document b = comparison_report({testing::fixture_wave(g)}, testing::fixture_request(ReportKind::kComparison),
                                 ReportTexts(renderer(), "da"));
  Rows ha = testing::csv_block(render(a, Format::kCsv, renderer()).bytes, "Hvor tilfreds er du alt i alt?");
  Rows hb = testing::csv_block(render(b, Format::kCsv, renderer()).bytes, "Hvor tilfreds er du alt i alt?");
  std::vector<std::string> header_a(ha[0].begin(), ha[0].end() - 1);  // the note column is there only with notes
  std::vector<std::string> header_b(hb[0].begin(), hb[0].begin() + long(header_a.size()));
  CHECK(header_a == header_b);
  CHECK(has(ha[0][1], "(%)"));
}

TEST_CASE("XLSX: readable sheet names, A4 fitted to the width, print area, repeated header row, a format on every figure") {
  Document d = comparison_report(two_waves(false), testing::fixture_request(ReportKind::kComparison),
                                 ReportTexts(renderer(), "da"));
  d.organisation = "Lejre Kommune";
  auto cells = nlohmann::json::parse(testing::xlsx_cells_json(render(d, Format::kXlsx, renderer()).bytes));
  bool q1 = false;
  for (const auto& s : cells["sheets"]) {
    const std::string name = s["name"];
    CAPTURE(name);
    CHECK(name.size() <= 31);
    CHECK(name.find("q_") != 0);
    for (auto& [ref, c] : s.at("cells").items()) {
      if (c.at("t") == "n") CHECK(c.at("fmt") != "General");
    }
    REQUIRE(s.contains("print"));
    const nlohmann::json& p = s.at("print");
    CHECK(p.value("fit_to_page", false) == true);
    CHECK(p.value("fit_width", -1) == 1);
    CHECK(p.value("fit_height", -1) == 0);
    CHECK(p.value("paper", -1) == 9);
    auto text = [&](const char* key) { return p.at(key).is_string() ? p.at(key).get<std::string>() : ""; };
    CHECK(!text("area").empty());
    CHECK(has(text("header"), "Lejre Kommune"));
    CHECK(has(text("footer"), "&P"));
    if (name == "Hvor tilfreds er du alt i alt") {
      q1 = true;
      CHECK(has(text("titles"), "$3:$3"));
      CHECK(has(text("area"), "$A$1:$"));
    }
  }
  CHECK(q1);
}

TEST_CASE("black and white: arrows and lights carry a word beside the shape") {
  Document d = comparison_report(two_waves(false), testing::fixture_request(ReportKind::kComparison),
                                 ReportTexts(renderer(), "da"));
  std::string html = render(d, Format::kHtml, renderer()).bytes;
  CHECK(has(html, "aria-hidden=\"true\">▼ dårligere</span>"));
  Indicator light{"green", "", ""};
  CHECK(indicator_label(light, ReportTexts(renderer(), "da")) == "● grøn");
}

TEST_CASE("print: group reports say 'Ydelsesgruppe: Stor', no fixed running footer, header in the page margin") {
  auto request = testing::fixture_request(ReportKind::kGroup);
  request.group = GroupFilter{"group", "stor"};
  Document d = total_report(two_waves(false), request, ReportTexts(renderer(), "da"));
  CHECK(has(d.subtitle, "Ydelsesgruppe: Stor"));
  CHECK_FALSE(has(d.subtitle, "group ="));
  d.organisation = "Lejre \"Kommune\" </style>";
  std::string html = render(d, Format::kHtml, renderer()).bytes;
  CHECK_FALSE(has(html, "class=\"running\""));
  CHECK(has(html, "@top-left { content: \"Lejre \\22 Kommune\\22  \\3c \\2f style\\3e \"; }"));
  // Served pages link the stylesheet (CSP: no inline style) and have no page style at all.
  std::string served = render(d, Format::kHtml, renderer(), {"/static/report.css"}).bytes;
  CHECK_FALSE(has(served, "<style>"));
}
