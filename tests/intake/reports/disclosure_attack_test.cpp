// Issue 13 §1: no hidden count can be worked out from everything published beside
// it. The attacker is tests/intake/reports/disclosure_attack.py, an exact integer
// solver (scipy.optimize.milp) over the JSON of the whole report set — the total
// report, every group report and the comparison — that knows only what a reader
// downloads. It must find every hidden cell, n and top share with a range at
// least the threshold wide.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "intake/reports/build_report.h"
#include "intake/reports/render.h"
#include "tests/intake/reports/report_fixtures.h"
#include "tests/support/temp_dir.h"

using namespace tilfreds;
using namespace tilfreds::intake::reports;
using tilfreds::testing::FixtureWave;

namespace {
const intake::web::Renderer& renderer() { return testing::report_renderer(); }

using GroupCounts = std::map<std::string, AnswerCounts>;

// Demo-like groups, as the issue found them: "a" is `71 %;0 %;–;–;n=7` (5, 0, 1, 1),
// "e" answers 100 % "i høj grad" on 6 answers, "d" has 3 respondents, "b" and "c"
// are large; 2024 has other small cells so both waves are attacked.
GroupCounts groups_of(const std::string& wave) {
  if (wave == "2023") {
    return {{"a", {{"q1", {{"hoej", 5}, {"nogen", 0}, {"mindre", 1}, {"slet", 1}}}, {"q2", {{"ja", 4}, {"nej", 3}}}}},
            {"b", {{"q1", {{"hoej", 20}, {"nogen", 15}, {"mindre", 3}, {"slet", 2}}}, {"q2", {{"ja", 30}, {"nej", 10}}}}},
            {"c", {{"q1", {{"hoej", 50}, {"nogen", 40}, {"mindre", 10}, {"slet", 6}}}, {"q2", {{"ja", 100}, {"nej", 6}}}}},
            {"d", {{"q1", {{"hoej", 2}, {"nogen", 1}}}, {"q2", {{"ja", 3}}}}},
            {"e", {{"q1", {{"hoej", 6}}}, {"q2", {{"ja", 2}, {"nej", 4}}}}}};
  }
  return {{"a", {{"q1", {{"hoej", 4}, {"nogen", 3}, {"mindre", 2}, {"slet", 0}}}, {"q2", {{"ja", 8}, {"nej", 1}}}}},
          {"b", {{"q1", {{"hoej", 25}, {"nogen", 12}, {"mindre", 4}, {"slet", 1}}}, {"q2", {{"ja", 35}, {"nej", 7}}}}},
          {"c", {{"q1", {{"hoej", 60}, {"nogen", 35}, {"mindre", 8}, {"slet", 9}}}, {"q2", {{"ja", 110}, {"nej", 2}}}}},
          {"d", {{"q1", {{"hoej", 1}, {"mindre", 1}}}, {"q2", {{"nej", 2}}}}},
          {"e", {{"q1", {{"hoej", 7}, {"nogen", 1}}}, {"q2", {{"ja", 8}}}}}};
}

std::int64_t respondents(const AnswerCounts& c) {
  std::int64_t n = 0;
  for (const auto& [answer, k] : c.at("q1")) n += k;
  return n;
}

// One wave as load_waves gives it for the view (nullopt: everybody). `linked`
// false: the report knows only its own counts, as before issue 13.
WaveData wave(const std::string& label, const std::optional<std::string>& view, bool linked) {
  FixtureWave f;
  f.label = label;
  f.version = 2;
  WaveData w = testing::fixture_wave(f);
  for (const auto& [g, counts] : groups_of(label)) {
    for (const auto& [q, answers] : counts) {
      for (const auto& [a, k] : answers) w.all_counts[q][a] += k;
    }
    w.all_respondents += respondents(counts);
    w.counts_by_value[g] = counts;
    w.respondents_by_value[g] = respondents(counts);
  }
  w.view = view;
  w.counts = view ? w.counts_by_value.at(*view) : w.all_counts;
  w.respondents = view ? w.respondents_by_value.at(*view) : w.all_respondents;
  if (!linked) {
    w.counts_by_value.clear();
    w.respondents_by_value.clear();
  }
  return w;
}

std::string report_json(const std::optional<std::string>& view, ReportKind kind, bool linked) {
  auto request = testing::fixture_request(kind);
  if (view) request.group = GroupFilter{"group", *view};
  std::vector<WaveData> waves = {wave("2023", view, linked), wave("2024", view, linked)};
  ReportTexts texts(renderer(), "da");
  Document d = kind == ReportKind::kComparison ? comparison_report(waves, request, texts)
                                               : total_report(waves, request, texts);
  return render(d, Format::kJson, renderer()).bytes;
}

nlohmann::json attack(bool linked) {
  nlohmann::json set = nlohmann::json::array();
  set.push_back({{"view", "total"}, {"report", nlohmann::json::parse(report_json(std::nullopt, ReportKind::kTotal, linked))}});
  set.push_back({{"view", "total"}, {"report", nlohmann::json::parse(report_json(std::nullopt, ReportKind::kComparison, linked))}});
  for (const char* g : {"a", "b", "c", "d", "e"}) {
    set.push_back({{"view", g}, {"report", nlohmann::json::parse(report_json(std::string(g), ReportKind::kGroup, linked))}});
  }
  testing::TempDir dir;
  const std::string path = dir.file("set.json");
  std::ofstream(path) << set.dump();
  return nlohmann::json::parse(testing::run_report_script("disclosure_attack.py", "5 '" + path + "'"));
}
}  // namespace

TEST_CASE("attacker: reports suppressed one by one give hidden counts away (the attack works)") {
  auto result = attack(/*linked=*/false);
  INFO(result.dump(1));
  CHECK(result["checked"].get<int>() > 0);
  CHECK(result["violations"].size() > 0);
}

TEST_CASE("attacker: no hidden cell, n or top share of the whole report set is narrower than 5") {
  auto result = attack(/*linked=*/true);
  INFO(result.dump(1));
  CHECK(result["checked"].get<int>() > 10);
  CHECK(result["violations"].empty());
}
