// Issue 13 §2: the committee's own sentences, golden Danish on fixtures with a real
// and a non-real change. The words for a change follow the test (pooled z,
// Benjamini–Hochberg over the report) and the Newcombe interval of the difference:
//   real, clear:  q1 top 70 → 50 of 100: proportions_ztest([70, 50], [100, 100])[1]
//                 = 0.00389, BH over the report's 5 changes 0.00973;
//                 confint_proportions_2indep(50, 100, 70, 100, method='newcomb')
//                 = (-0.326, -0.064): at least 5 points lower → "lavere".
//   real, small:  top 1400 → 1320 of 2000: p = 0.00670, BH 0.0335;
//                 Newcombe (-0.0688, -0.0111): not 5 points → "lidt lavere".
//   not real:     top 70 → 68 of 100: p = 0.760, BH 1.0 → "på niveau med", no figure.
// (statsmodels 0.13: statsmodels.stats.proportion.proportions_ztest,
//  confint_proportions_2indep; statsmodels.stats.multitest.multipletests(…, 'fdr_bh').)
#include <algorithm>
#include <catch2/catch.hpp>

#include "intake/reports/build_report.h"
#include "intake/reports/committee_text.h"
#include "intake/reports/render.h"
#include "tests/intake/reports/report_fixtures.h"

using namespace tilfreds;
using namespace tilfreds::intake::reports;
using tilfreds::testing::FixtureWave;

namespace {
const intake::web::Renderer& renderer() { return testing::report_renderer(); }

std::vector<WaveData> waves(std::map<std::string, std::int64_t> before, std::map<std::string, std::int64_t> after) {
  FixtureWave a;
  a.label = "2023";
  a.version = 2;
  a.counts["q1"] = before;
  FixtureWave b = a;
  b.label = "2024";
  b.counts["q1"] = after;
  std::vector<WaveData> out = {testing::fixture_wave(a), testing::fixture_wave(b)};
  for (auto& w : out) {
    for (const auto& [k, n] : w.counts["q1"]) w.respondents += n;
  }
  out[0].totals.total = {2000, 0, 0, 0, 410};
  out[1].totals.total = {2415, 120, 0, 0, 531};
  return out;
}

std::vector<std::string> sentences(const std::vector<WaveData>& w) {
  Document d = committee_report(w, testing::fixture_request(ReportKind::kCommittee), ReportTexts(renderer(), "da"));
  std::vector<std::string> out;
  for (const auto& s : d.sections) {
    for (const auto& b : s.blocks) out.push_back(b.text);
  }
  return out;
}

bool has(const std::vector<std::string>& all, const std::string& s) {
  return std::find(all.begin(), all.end(), s) != all.end();
}
}  // namespace

TEST_CASE("committee: a real, clear change is 'lavere' with last year's figure, and a large bottom gets 'Dog'") {
  auto s = sentences(waves({{"hoej", 40}, {"nogen", 30}, {"mindre", 20}, {"slet", 10}},
                           {{"hoej", 20}, {"nogen", 30}, {"mindre", 30}, {"slet", 20}}));
  INFO(Catch::Detail::stringify(s));
  CHECK(has(s, "50 % er i nogen eller høj grad tilfredse alt i alt med jobcentret, heraf er 20 % i høj grad "
               "tilfredse. Dog svarer 20 % »Slet ikke«. Det er lavere end i 2023, hvor andelen var 70 %."));
  CHECK(has(s, "Ud af de 2.415 borgere, der fik tilsendt spørgeskemaet, har 531 borgere besvaret det, hvilket giver "
               "en svarprocent på 22 %. I 2023 var svarprocenten 20,5 %. 120 af de inviterede hørte ikke til "
               "målgruppen; regnet uden dem er svarprocenten 23 %."));
  CHECK(has(s, "Færre svarer »I høj grad« på »Hvor tilfreds er du alt i alt?«: 40 % i 2023 mod 20 % i 2024."));
}

TEST_CASE("committee: a real but small change is 'lidt lavere'") {
  auto s = sentences(waves({{"hoej", 800}, {"nogen", 600}, {"mindre", 400}, {"slet", 200}},
                           {{"hoej", 760}, {"nogen", 560}, {"mindre", 440}, {"slet", 240}}));
  INFO(Catch::Detail::stringify(s));
  CHECK(has(s, "66 % er i nogen eller høj grad tilfredse alt i alt med jobcentret, heraf er 38 % i høj grad "
               "tilfredse. Det er lidt lavere end i 2023, hvor andelen var 70 %."));
}

TEST_CASE("committee: a change that is noise is 'på niveau med', without last year's figure") {
  auto s = sentences(waves({{"hoej", 40}, {"nogen", 30}, {"mindre", 20}, {"slet", 10}},
                           {{"hoej", 38}, {"nogen", 30}, {"mindre", 22}, {"slet", 10}}));
  INFO(Catch::Detail::stringify(s));
  CHECK(has(s, "68 % er i nogen eller høj grad tilfredse alt i alt med jobcentret, heraf er 38 % i høj grad "
               "tilfredse. Det er på niveau med 2023."));
  CHECK(has(s, "Ingen af ændringerne fra året før er større end tilfældig variation."));
  for (const auto& t : s) CHECK(t.find("70 %") == std::string::npos);
}

TEST_CASE("committee: the respondent mix names the two largest groups and warns about the small ones") {
  auto w = waves({{"hoej", 40}, {"nogen", 30}, {"mindre", 20}, {"slet", 10}},
                 {{"hoej", 20}, {"nogen", 30}, {"mindre", 30}, {"slet", 20}});
  w[1].respondents_by_value = {{"stor", 191}, {"lille", 122}, {"x", 200}, {"y", 18}};
  w[1].all_respondents = 531;
  auto text = mix_sentence(w, ReportTexts(renderer(), "da"), 5);
  REQUIRE(text);
  CHECK(text->text ==
        "Flest besvarelser kommer fra borgere på x eller stor, henholdsvis 38 % og 36 %. De øvrige grupper har få "
        "besvarelser, og tallene for dem er ikke repræsentative for gruppen.");
}

TEST_CASE("committee: every sentence names its table; plain text for the agenda system") {
  auto w = waves({{"hoej", 40}, {"nogen", 30}, {"mindre", 20}, {"slet", 10}},
                 {{"hoej", 20}, {"nogen", 30}, {"mindre", 30}, {"slet", 20}});
  auto request = testing::fixture_request(ReportKind::kCommittee);
  Document d = committee_report(w, request, ReportTexts(renderer(), "da"));
  for (const auto& s : d.sections) {
    for (const auto& b : s.blocks) {
      if (b.text.rfind("Ingen af", 0) == 0) continue;
      CAPTURE(b.text);
      CHECK(!b.source.empty());
    }
  }
  Rendered text = render(d, Format::kText, renderer());
  CHECK(text.content_type == "text/plain; charset=utf-8");
  CHECK(text.file_name == "committee.txt");
  CHECK(text.bytes.find("Hovedresultater\n\n50 % er i nogen eller høj grad") != std::string::npos);
  CHECK(text.bytes.find("[tabel: Hvor tilfreds er du alt i alt?]") != std::string::npos);
  CHECK(text.bytes.find("<") == std::string::npos);
  std::string html = render(d, Format::kHtml, renderer()).bytes;
  CHECK(html.find("<span class=\"source\">[tabel: Hvor tilfreds er du alt i alt?]</span>") != std::string::npos);
  Rendered en = render(committee_report(w, request, ReportTexts(renderer(), "en")), Format::kText, renderer());
  CHECK(en.bytes.find("50 % are to some or a high degree satisfied overall with the jobcentre; 20 % to a high degree.") !=
        std::string::npos);
}
