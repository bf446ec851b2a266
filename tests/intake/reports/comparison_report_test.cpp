// The comparison report as the committee reads it, checked in every format by
// reading the output back: HTML table cells, CSV rows, XLSX cells, JSON values.
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

// Counts chosen by hand so that half-up whole percents give DOMAIN.md's table:
// 2022 n=400: 197/400 = 49.25 → 49, 109 → 27.25 → 27, 61 → 15.25 → 15, 33 → 8.25 → 8
//   (sum 99: must stay 99);
// 2023 n=512: 271 → 52.93 → 53, 143 → 27.93 → 28, 62 → 12.11 → 12, 36 → 7.03 → 7;
// 2024 n=531: 276 → 51.98 → 52, 149 → 28.06 → 28, 64 → 12.05 → 12, 42 → 7.91 → 8.
std::vector<WaveData> domain_waves() {
  auto wave = [](std::string label, std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d) {
    FixtureWave f;
    f.label = std::move(label);
    f.counts["q1"] = {{"hoej", a}, {"nogen", b}, {"mindre", c}, {"slet", d}};
    f.respondents = a + b + c + d;
    return testing::fixture_wave(f);
  };
  return {wave("2022", 197, 109, 61, 33), wave("2023", 271, 143, 62, 36), wave("2024", 276, 149, 64, 42)};
}

const std::vector<std::vector<std::string>> kDomainPercents = {
    {"49", "27", "15", "8"}, {"53", "28", "12", "7"}, {"52", "28", "12", "8"}};

Document domain_document(const std::string& lang = "da") {
  auto request = testing::fixture_request(ReportKind::kComparison);
  request.lang = lang;
  return comparison_report(domain_waves(), request, ReportTexts(renderer(), lang));
}

std::string strip_mark(std::string s) {
  for (const char* sym : {" ▲*", " ▼*", "*"}) {
    auto p = s.find(sym);
    if (p != std::string::npos) s.erase(p);
  }
  return s;
}
}  // namespace

TEST_CASE("comparison HTML shows DOMAIN.md's percentages, 2022 summing to 99") {
  std::string html = render(domain_document(), Format::kHtml, renderer()).bytes;
  Rows rows = testing::html_table(html, "q_q1");
  REQUIRE(rows.size() == 4);
  CHECK(rows[0][0] == "År");
  CHECK(rows[0][1] == "I høj grad");
  CHECK(rows[0][4] == "Slet ikke");
  for (std::size_t w = 0; w < 3; ++w) {
    CHECK(rows[w + 1][0] == std::vector<std::string>{"2022", "2023", "2024"}[w]);
    for (std::size_t j = 0; j < 4; ++j) CHECK(strip_mark(rows[w + 1][j + 1]) == kDomainPercents[w][j] + " %");
  }
  CHECK(rows[1][5] == "400");
  CHECK(rows[3][5] == "531");
}

TEST_CASE("comparison CSV shows DOMAIN.md's percentages as numbers, decimal comma, BOM, CRLF") {
  std::string csv = render(domain_document(), Format::kCsv, renderer()).bytes;
  REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
  Rows rows = testing::csv_block(csv, "Hvor tilfreds er du alt i alt?");
  REQUIRE(rows.size() == 4);
  CHECK(rows[0][1] == "I høj grad (%)");
  for (std::size_t w = 0; w < 3; ++w) {
    // Each category is followed by its mark column (empty when unmarked).
    for (std::size_t j = 0; j < 4; ++j) CHECK(rows[w + 1][2 * j + 1] == kDomainPercents[w][j]);
  }
  // Top-2 of 2024: 425/531 = 80.04 % → 80; Wilson 95 % interval
  // statsmodels.stats.proportion.proportion_confint(425, 531, method='wilson')
  //   = (0.76427, 0.83216) → 76 and 83.
  CHECK(rows[0][10] == "I høj grad + I nogen grad (%)");
  CHECK(rows[3][10] == "80");
  CHECK(rows[3][11] == "76");
  CHECK(rows[3][12] == "83");
}

TEST_CASE("comparison XLSX stores DOMAIN.md's percentages as numbers with a percent format") {
  auto cells = nlohmann::json::parse(
      testing::xlsx_cells_json(render(domain_document(), Format::kXlsx, renderer()).bytes));
  nlohmann::json sheet;
  std::set<std::string> names;
  for (const auto& s : cells["sheets"]) {
    names.insert(s["name"]);
    if (s["name"] == "Hvor tilfreds er du alt i alt") sheet = s["cells"];
  }
  CHECK(names.count("Metode") == 1);
  CHECK(names.count("Oversigt") == 1);
  REQUIRE(sheet.is_object());
  CHECK(sheet["A1"]["v"] == "Hvor tilfreds er du alt i alt?");
  CHECK(sheet["A3"]["v"] == "År");
  CHECK(sheet["A4"]["v"] == "2022");
  const std::vector<std::string> cols = {"B", "D", "F", "H"};  // each followed by its mark column
  double sum_2022 = 0;
  for (std::size_t w = 0; w < 3; ++w) {
    for (std::size_t j = 0; j < 4; ++j) {
      const auto& c = sheet[cols[j] + std::to_string(4 + w)];
      CHECK(c["t"] == "n");
      CHECK(c["fmt"] == "0%");
      CHECK(c["v"].get<double>() == Approx(std::stod(kDomainPercents[w][j]) / 100));
      if (w == 0) sum_2022 += c["v"].get<double>();
    }
  }
  CHECK(sum_2022 == Approx(0.99));
  CHECK(sheet["J6"]["v"].get<double>() == 531);
  CHECK(sheet["J6"]["t"] == "n");
}

TEST_CASE("comparison JSON carries DOMAIN.md's percentages as typed values") {
  auto j = nlohmann::json::parse(render(domain_document(), Format::kJson, renderer()).bytes);
  const auto& table = j["sections"][0]["blocks"][0]["table"];
  CHECK(table["id"] == "q_q1");
  for (std::size_t w = 0; w < 3; ++w) {
    for (std::size_t j2 = 0; j2 < 4; ++j2) {
      const auto& cell = table["rows"][w]["cells"][j2];
      CHECK(cell["kind"] == "percent");
      CHECK(cell["value"].get<double>() == std::stod(kDomainPercents[w][j2]));
    }
  }
}

TEST_CASE("comparison in English labels the table in English") {
  std::string html = render(domain_document("en"), Format::kHtml, renderer()).bytes;
  Rows rows = testing::html_table(html, "q_q1");
  CHECK(rows[0][0] == "Year");
  CHECK(rows[0][1] == "To a high degree");
  CHECK(html.find("<html lang=\"en\">") != std::string::npos);
}

TEST_CASE("HTML for the web links the stylesheet and has no inline style, for the CSP") {
  RenderOptions web;
  web.stylesheet_href = "/static/report.css";
  Rendered r = render(domain_document(), Format::kHtml, renderer(), web);
  CHECK(r.content_type == "text/html; charset=utf-8");
  CHECK(r.file_name == "comparison.html");
  CHECK(r.bytes.find("<link rel=\"stylesheet\" href=\"/static/report.css\">") != std::string::npos);
  CHECK(r.bytes.find("<style") == std::string::npos);
  CHECK(r.bytes.find("style=") == std::string::npos);
  // The offline file carries its stylesheet, print rules included.
  std::string file = render(domain_document(), Format::kHtml, renderer()).bytes;
  CHECK(file.find("@page") != std::string::npos);
}
