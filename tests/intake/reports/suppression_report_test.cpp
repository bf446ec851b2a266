// A group with fewer respondents than the threshold (5) never shows a number in
// any format: not a percent, not n, not its response rate, not in a headline or a
// chart, not in the method note.
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

namespace {
const intake::web::Renderer& renderer() { return testing::report_renderer(); }

// Group "lille" in 2024: 3 respondents (2 "i høj grad", 1 "i nogen grad"; 3 "ja"),
// 10 invited. Group "stor": 100 of 200 answered.
std::vector<WaveData> small_group() {
  FixtureWave f;
  f.label = "2024";
  f.version = 2;
  f.counts["q1"] = {{"hoej", 2}, {"nogen", 1}};
  f.counts["q2"] = {{"ja", 3}};
  f.respondents = 3;
  WaveData w = testing::fixture_wave(f);
  w.totals.by_group["lille"] = {10, 0, 0, 0, 3};
  w.totals.by_group["stor"] = {200, 0, 0, 0, 100};
  w.totals.total = {210, 0, 0, 0, 103};
  return {w};
}

Document group_report() {
  auto request = testing::fixture_request(ReportKind::kGroup);
  request.group = GroupFilter{"group", "lille"};
  return total_report(small_group(), request, ReportTexts(renderer(), "da"));
}

bool has_digit(const std::string& s) { return s.find_first_of("0123456789") != std::string::npos; }
}  // namespace

TEST_CASE("small group: no number in the HTML tables, headlines or charts") {
  std::string html = render(group_report(), Format::kHtml, renderer()).bytes;
  for (const char* id : {"q_q1", "q_q2", "response_rate"}) {
    auto rows = testing::html_table(html, id);
    REQUIRE(rows.size() == 2);
    for (std::size_t j = 1; j < rows[1].size(); ++j) CHECK_FALSE(has_digit(rows[1][j]));
  }
  CHECK(html.find("class=\"headline\"") == std::string::npos);
  CHECK(html.find("67 %") == std::string::npos);  // 2 of 3
  CHECK(html.find("skjult for at beskytte små tal") != std::string::npos);
}

TEST_CASE("small group: no number in the CSV rows") {
  std::string csv = render(group_report(), Format::kCsv, renderer()).bytes;
  for (const char* caption : {"Hvor tilfreds er du alt i alt?", "Har du deltaget i et tilbud?",
                              "Inviterede, besvarelser og svarprocent"}) {
    auto rows = testing::csv_block(csv, caption);
    REQUIRE(rows.size() == 2);
    for (std::size_t j = 1; j < rows[1].size(); ++j) CHECK_FALSE(has_digit(rows[1][j]));
  }
}

TEST_CASE("small group: no numeric cell and no digit in XLSX table sheets") {
  auto cells = nlohmann::json::parse(testing::xlsx_cells_json(render(group_report(), Format::kXlsx, renderer()).bytes));
  int sheets = 0;
  std::string names;
  for (const auto& s : cells["sheets"]) names += s["name"].get<std::string>() + " | ";
  INFO(names);
  for (const auto& s : cells["sheets"]) {
    const std::string name = s["name"];
    if (name != "Hvor tilfreds er du alt i alt" && name != "Har du deltaget i et tilbud" &&
        name != "Inviterede, besvarelser og…") {
      continue;
    }
    ++sheets;
    for (auto& [ref, c] : s["cells"].items()) {
      if (ref.rfind("A", 0) == 0 || ref.back() != '4') continue;  // row 4: the data row
      CHECK(c["t"] == "s");
      CHECK_FALSE(has_digit(c["v"].get<std::string>()));
    }
  }
  CHECK(sheets == 3);
}

TEST_CASE("small group: JSON cells hidden without values, chart bars without percents") {
  auto j = nlohmann::json::parse(render(group_report(), Format::kJson, renderer()).bytes);
  int tables = 0, bars = 0;
  for (const auto& s : j["sections"]) {
    for (const auto& b : s["blocks"]) {
      CHECK(b["kind"] != "headline");
      if (b["kind"] == "table") {
        ++tables;
        for (const auto& c : b["table"]["rows"][0]["cells"]) {
          CHECK((c["kind"] == "hidden" || c["kind"] == "missing"));
          CHECK_FALSE(c.contains("value"));
        }
      }
      if (b["kind"] == "chart") {
        for (const auto& bar : b["chart"]["bars"]) {
          ++bars;
          CHECK(bar["hidden"] == true);
          CHECK_FALSE(bar.contains("percents"));
        }
      }
    }
  }
  CHECK(tables == 3);
  CHECK(bars == 1);
}

TEST_CASE("small group: the method note says 'hidden', never the count") {
  for (const auto& m : group_report().method) {
    if (m.label == "Antal besvarelser (n)") CHECK(m.text == "2024: skjult (små grupper beskyttes)");
  }
}

TEST_CASE("rates report hides the small group's answered count, and the big group's that would reveal it") {
  auto request = testing::fixture_request(ReportKind::kRates);
  Document d = rates_report(small_group(), request, ReportTexts(renderer(), "da"));
  std::string csv = render(d, Format::kCsv, renderer()).bytes;
  auto rows = testing::csv_block(csv, "Inviterede, besvarelser og svarprocent pr. gruppe og år");
  REQUIRE(rows.size() == 4);
  CHECK(rows[1][0] == "Stor 2024");
  CHECK(rows[2][0] == "Lille 2024");
  for (std::size_t j = 4; j <= 7; ++j) CHECK_FALSE(has_digit(rows[2][j]));
  // 103 answered in all minus Stor's 100 would give Lille's 3: Stor's is hidden too.
  CHECK_FALSE(has_digit(rows[1][4]));
  CHECK(rows[1][8] == "skjult, så andre skjulte tal ikke kan regnes ud");
  CHECK(rows[2][8] == "for få svar til at vise tal");
  CHECK(rows[3] == std::vector<std::string>{"I alt 2024", "210", "0", "0", "103", "49,0", "49,0", "49,0", ""});
}
