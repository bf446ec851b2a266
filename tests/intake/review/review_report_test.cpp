// Golden case-review reports (issue 15) on a small fixed dataset, read back from
// every format: the lights on the unrounded share, the arrows against the
// previous review, new/old split, the scheme-change warning, suppression of
// small groups, and the action-plan status table.
//
// Dataset (as tests/cli/review_cli_test.sh): scheme v1 from 2024-01-01, v2 from
// 2024-08-01 (dagpenge: journal removed, jobsamtale added).
//   Q1 sygedagpenge 3/4 correct (opfoelgning 1 error, old), dagpenge 2/4 (cv 2 new)
//   Q2 sygedagpenge 2/4 (opfoelgning 2: 1 new, 1 old), dagpenge 3/4 (cv 1 new)
//   Q3 sygedagpenge 3/4 (opfoelgning 1 new), dagpenge 3/4 (jobsamtale 1 new)
// Wilson 95 %: statsmodels.stats.proportion.proportion_confint(3, 4, method='wilson')
//   = (0.3006, 0.9544); (2, 4) = (0.1500, 0.8500); (5, 8) = (0.3057, 0.8632).
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "db/database.h"
#include "intake/reports/build_report.h"
#include "intake/reports/render.h"
#include "intake/review/action_plan.h"
#include "intake/review/results_import.h"
#include "intake/review/setup.h"
#include "tests/intake/reports/report_fixtures.h"
#include "tests/support/temp_dir.h"

using namespace tilfreds;
using namespace tilfreds::intake;
using namespace tilfreds::intake::reports;
using tilfreds::testing::Rows;

namespace {
std::string source(const std::string& path) {
  const char* src = std::getenv("TILFREDS_SOURCE_DIR");
  std::ifstream in(std::string(src ? src : ".") + "/" + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const staff::Actor kActor{std::nullopt, "test"};

struct Fixture {
  testing::TempDir dir;
  db::Database db{dir.file("t.db")};

  Fixture() {
    REQUIRE(review::add_area(db, kActor, {"jobcenter", "Jobcenter", "tilsyn", "quarterly", 4, 95, 75}).empty());
    REQUIRE(review::import_scheme(db, kActor, source("tests/data/review/scheme_v1.json")).ok());
    REQUIRE(review::import_scheme(db, kActor, source("tests/data/review/scheme_v2.json")).ok());
    import("2024Q1",
           "group;case;control_point;result;error_age;act_date;reproduced\n"
           "sygedagpenge;S1;opfoelgning;ok;;;\nsygedagpenge;S1;plan;ok;;;\n"
           "sygedagpenge;S2;opfoelgning;fejl;;2023-03-30;nej\nsygedagpenge;S3;opfoelgning;ok;;;\n"
           "sygedagpenge;S4;opfoelgning;ikke_relevant;;;\ndagpenge;D1;cv;fejl;ny;;\n"
           "dagpenge;D2;cv;fejl;;2020-02-01;ja\ndagpenge;D3;cv;ok;;;\ndagpenge;D4;journal;ok;;;\n");
    import("2024Q2",
           "group;case;control_point;result;error_age\nsygedagpenge;S5;opfoelgning;fejl;ny\n"
           "sygedagpenge;S6;opfoelgning;fejl;gammel\nsygedagpenge;S7;plan;ok;\nsygedagpenge;S8;plan;ok;\n"
           "dagpenge;D5;cv;ok;\ndagpenge;D6;cv;fejl;ny\ndagpenge;D7;journal;ok;\ndagpenge;D8;cv;ok;\n");
    import("2024Q3",
           "group;case;control_point;result;error_age\nsygedagpenge;S9;opfoelgning;ok;\n"
           "sygedagpenge;S10;opfoelgning;fejl;ny\nsygedagpenge;S11;opfoelgning;ok;\nsygedagpenge;S12;opfoelgning;ok;\n"
           "dagpenge;D9;jobsamtale;fejl;ny\ndagpenge;D10;cv;ok;\ndagpenge;D11;cv;ok;\ndagpenge;D12;cv;ok;\n");
  }
  void import(const std::string& period, const std::string& csv) {
    auto r = review::import_results(db, kActor, {"jobcenter", period, std::nullopt, csv, "2026-01-01", false});
    INFO((r.problems.empty() ? "" : r.problems.front().where + ": " + r.problems.front().message));
    REQUIRE(r.ok());
  }
  Document report(const std::string& kind, const std::string& periods, const std::string& group = "",
                  const std::string& lang = "da") {
    ReportArgs args;
    args.kind = kind;
    args.area = kind == "review-overview" ? "" : "jobcenter";
    args.periods = periods;
    args.group = group;
    args.format = "json";
    args.lang = lang;
    auto request = parse_report_request(db, args);
    INFO((request.problems.empty() ? "" : request.problems.front().where + ": " + request.problems.front().message));
    REQUIRE(request.ok());
    auto doc = build_report(db, *request.value, testing::report_renderer());
    REQUIRE(doc.ok());
    return *doc.value;
  }
};

const intake::web::Renderer& renderer() { return testing::report_renderer(); }
bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

nlohmann::json group_of(const nlohmann::json& period, const std::string& id) {
  for (const auto& g : period["groups"]) {
    if (g["id"] == id) return g;
  }
  return nullptr;
}
nlohmann::json point_of(const nlohmann::json& group, const std::string& id) {
  for (const auto& c : group["control_points"]) {
    if (c["id"] == id) return c;
  }
  return nullptr;
}
}  // namespace

TEST_CASE("golden review JSON: the issue's keys per period, group and control point", "[review_report]") {
  Fixture f;
  auto j = nlohmann::json::parse(render(f.report("review", "2024Q3,2024Q1,2024Q2"), Format::kJson, renderer()).bytes);
  const auto& p = j["figures"]["periods"];
  REQUIRE(p.size() == 3);
  CHECK(p[0]["period"] == "2024Q1");  // sorted oldest first whatever the order given
  CHECK(p[0]["errors"] == 3);
  CHECK(!p[0].contains("change_from_previous"));
  CHECK(p[1]["change_from_previous"].get<double>() == 0.0);
  CHECK(p[2]["change_from_previous"].get<double>() == Approx(-1.0 / 3.0));
  auto sy1 = group_of(p[0], "sygedagpenge");
  CHECK(sy1["cases"] == 4);
  CHECK(sy1["correct_cases"] == 3);
  CHECK(sy1["share_correct"].get<double>() == 0.75);
  CHECK(sy1["light"] == "yellow");  // exactly 75 %: yellow, not red
  CHECK(sy1["share_correct_interval"][0].get<double>() == Approx(0.30064184258240184));
  CHECK(group_of(p[0], "dagpenge")["light"] == "red");
  auto cp = point_of(sy1, "opfoelgning");
  CHECK(cp["errors"] == 1);
  CHECK(cp["new_errors"] == 0);
  CHECK(cp["old_errors"] == 1);
  CHECK(!cp.contains("arrow"));  // the first period has no arrow
  CHECK(point_of(group_of(p[1], "sygedagpenge"), "opfoelgning")["arrow"] == "up");
  CHECK(point_of(group_of(p[1], "sygedagpenge"), "plan")["arrow"] == "same");
  CHECK(point_of(group_of(p[1], "dagpenge"), "cv")["arrow"] == "down");
  // Q3 is on scheme v2: the new point has no arrow, the removed one is gone.
  auto da3 = group_of(p[2], "dagpenge");
  CHECK(!point_of(da3, "jobsamtale").contains("arrow"));
  CHECK(point_of(da3, "journal").is_null());
  CHECK(point_of(da3, "cv")["arrow"] == "down");
}

TEST_CASE("golden review HTML: totals, lights with words, arrows with words, headlines", "[review_report]") {
  Fixture f;
  std::string html = render(f.report("review", "2024Q1,2024Q2,2024Q3"), Format::kHtml, renderer()).bytes;
  Rows totals = testing::html_table(html, "review_totals");
  REQUIRE(totals.size() == 4);
  CHECK(totals[0] == std::vector<std::string>{"Periode", "Sager", "Korrekte sager", "Andel korrekte", "Fejl",
                                              "Nye fejl", "Gamle fejl", "Ændring i fejl"});
  CHECK(has(totals[1][3], "62,5 % (30,6–86,3)"));
  CHECK(has(totals[1][3], "rød"));
  CHECK(totals[1][4] == "3");
  CHECK(totals[1][5] == "2");
  CHECK(totals[1][6] == "1");
  CHECK(totals[3][7] == "-33 %");
  Rows points = testing::html_table(html, "review_sygedagpenge_points");
  REQUIRE(points.size() == 3);
  CHECK(has(points[1][4], "▲"));
  CHECK(has(points[1][4], "steget (dårligere)"));
  CHECK(has(points[1][7], "▼"));
  CHECK(has(points[1][7], "faldet (bedre)"));
  CHECK(has(html, "Antallet af fejl er faldet med 33 % fra 2024Q1 til 2024Q3 (3 → 2)."));
  CHECK(has(html, "Færre fejl i 1 af 2 målgrupper fra 2024Q2 til 2024Q3; flere fejl i 0."));
  CHECK(!has(html, "<script"));
}

TEST_CASE("golden review CSV and XLSX: shares as numbers, lights and arrows as words", "[review_report]") {
  Fixture f;
  Document d = f.report("review", "2024Q1,2024Q2,2024Q3");
  Rows totals = testing::csv_block(render(d, Format::kCsv, renderer()).bytes, "Sager, korrekte sager og fejl pr. periode");
  REQUIRE(totals.size() >= 4);
  CHECK(totals[1][0] == "2024Q1");
  CHECK(totals[1][3] == "62,5");
  CHECK(totals[1][6] == "rød");
  auto cells = nlohmann::json::parse(testing::xlsx_cells_json(render(d, Format::kXlsx, renderer()).bytes));
  bool found = false;
  for (const auto& s : cells["sheets"]) {
    // Sheets are named after the table's caption.
    if (s["name"].get<std::string>().rfind("Sager, korrekte sager", 0) != 0) continue;
    for (const auto& [ref, c] : s["cells"].items()) {
      if (c["v"].is_number() && std::abs(c["v"].get<double>() - 0.625) < 1e-9) found = c["fmt"].get<std::string>().find('%') != std::string::npos;
    }
  }
  CHECK(found);
}

TEST_CASE("method note: the new/old rule, sample sizes, versions and the comparability warning", "[review_report]") {
  Fixture f;
  Document d = f.report("review", "2024Q1,2024Q2,2024Q3");
  std::map<std::string, std::string> note;
  std::vector<std::string> warnings;
  for (const auto& m : d.method) {
    note[m.label] = m.text;
    if (m.warning) warnings.push_back(m.text);
  }
  CHECK(note["Kontrolskema"] == "version 1 (gyldig fra 2024-01-01): 2024Q1, 2024Q2; version 2 (gyldig fra 2024-08-01): 2024Q3");
  REQUIRE(warnings.size() == 1);
  CHECK(has(warnings[0], "Nye kontrolpunkter: dagpenge/jobsamtale"));
  CHECK(has(warnings[0], "Fjernede kontrolpunkter: dagpenge/journal"));
  CHECK(has(note["Stikprøver"], "2024Q1: 8 sager i 2 målgrupper, tilsynsdato 2024-03-31"));
  CHECK(has(note["Nye og gamle fejl"], "12 måneder"));
  CHECK(has(note["Trafiklys"], "94,9 % er gul"));
}

TEST_CASE("a group with fewer than 3 cases shows no figures, and a second group hides with it",
          "[review_report]") {
  Fixture f;
  f.import("2024Q4",
           "group;case;control_point;result;error_age\nsygedagpenge;S20;opfoelgning;fejl;ny\n"
           "sygedagpenge;S21;opfoelgning;ok;\ndagpenge;D20;cv;ok;\ndagpenge;D21;cv;ok;\n"
           "dagpenge;D22;cv;ok;\ndagpenge;D23;cv;fejl;ny\n");
  Document d = f.report("review", "2024Q3,2024Q4");
  auto j = nlohmann::json::parse(render(d, Format::kJson, renderer()).bytes);
  auto sy = group_of(j["figures"]["periods"][1], "sygedagpenge");
  CHECK(sy["hidden"] == true);
  CHECK(!sy.contains("cases"));
  CHECK(group_of(j["figures"]["periods"][1], "dagpenge")["hidden"] == true);
  std::string html = render(d, Format::kHtml, renderer()).bytes;
  Rows cases = testing::html_table(html, "review_sygedagpenge_cases");
  CHECK(has(cases[2][1], "–"));
  std::string csv = render(d, Format::kCsv, renderer()).bytes;
  Rows points = testing::csv_block(csv, "Sygedagpenge: fejl pr. kontrolpunkt");
  CHECK(points[1][4] == "–");
}

TEST_CASE("golden actions: the committee's table with the latest status and its colour", "[review_report]") {
  Fixture f;
  auto plan = review::import_plan(f.db, kActor, R"({"area": "jobcenter", "period": "2024Q3", "actions": [
    {"number": "1", "theme": "Opfølgning", "text": "Tjekliste", "control_points": ["opfoelgning"],
     "owner": "Teamleder", "expected": "Q4 2024",
     "status": [{"period": "2024Q3", "text": "I brug", "colour": "green"}]},
    {"number": "2", "theme": "Opfølgning", "text": "Undervisning", "expected": "2025-03-31",
     "status": [{"period": "2024Q3", "text": "Planlagt", "colour": "yellow"}]}]})");
  REQUIRE(plan.ok());
  REQUIRE(review::set_action_status(f.db, kActor, {"jobcenter", "2024Q3", "2", "2024Q4", "Udskudt", "red"}).empty());
  Document d = f.report("actions", "2024Q3");
  Rows t = testing::html_table(render(d, Format::kHtml, renderer()).bytes, "actions_2024Q3_1");
  REQUIRE(t.size() == 3);
  CHECK(t[0] == std::vector<std::string>{"Nr.", "Handling", "Forventet afslutning", "Status", "Status i farver",
                                         "Kontrolpunkter", "Ansvarlig"});
  CHECK(t[2][3] == "2024Q4: Udskudt");
  CHECK(has(t[2][4], "Rød – stor forsinkelse"));
  Rows csv = testing::csv_block(render(d, Format::kCsv, renderer()).bytes, "2024Q3: Opfølgning");
  CHECK(csv[1][0] == "1");
  auto j = nlohmann::json::parse(render(d, Format::kJson, renderer()).bytes);
  const auto& a = j["figures"]["plans"][0]["actions"];
  CHECK(a[0]["status"]["colour"] == "green");
  CHECK(a[1]["history"].size() == 2);
  auto cells = nlohmann::json::parse(testing::xlsx_cells_json(render(d, Format::kXlsx, renderer()).bytes));
  CHECK(!cells["sheets"].empty());
}

TEST_CASE("review overview: one light per area and category", "[review_report]") {
  Fixture f;
  auto j = nlohmann::json::parse(render(f.report("review-overview", "2024Q3"), Format::kJson, renderer()).bytes);
  const auto& area = j["figures"]["periods"][0]["areas"][0];
  CHECK(area["id"] == "jobcenter");
  CHECK(area["cases"] == 8);
  CHECK(area["correct_cases"] == 6);
  CHECK(area["light"] == "yellow");
  CHECK(area["noeglekontrol"]["errors"] == 2);
}
