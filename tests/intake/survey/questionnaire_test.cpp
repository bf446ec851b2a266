#include "intake/survey/questionnaire.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "intake/survey/demo_data.h"

using namespace tilfreds::intake::survey;
using nlohmann::json;

namespace {
json shipped() { return json::parse(shipped_survey("jobcenter.json")); }

bool has_problem(const ParsedQuestionnaire& p, const std::string& path, const std::string& words) {
  for (const auto& problem : p.problems) {
    if (problem.where == path && problem.message.find(words) != std::string::npos) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("the shipped jobcentre questionnaire is valid and shaped as in DOMAIN.md") {
  auto p = parse_questionnaire(shipped_survey("jobcenter.json"));
  REQUIRE(p.problems.empty());
  const Questionnaire& q = *p.questionnaire;
  CHECK(q.id == "jobcenter");
  REQUIRE(q.themes.size() == 5);
  CHECK(text_in(q.themes[0].title, "da") == "Værdighed");
  CHECK(text_in(q.themes[4].title, "da") == "Overordnet oplevelse");
  CHECK(q.groups.size() == 10);
  const Question* overall = q.find("tilfreds_alt_i_alt");
  REQUIRE(overall);
  REQUIRE(overall->options.size() == 4);
  CHECK(text_in(overall->options[0].label, "da") == "I høj grad");
  CHECK(text_in(overall->options[3].label, "da") == "Slet ikke");
  CHECK(text_in(overall->options[3].label, "en") == "Not at all");
  const Question* follow_up = q.find("indsats_meningsfuld");
  REQUIRE(follow_up);
  REQUIRE(follow_up->show_if);
  CHECK(follow_up->show_if->question == "indsats_deltaget");
  CHECK(follow_up->show_if->equals == "ja");
}

TEST_CASE("every problem in a questionnaire is reported with its JSON path") {
  json j = shipped();
  j["themes"][1]["questions"][0]["id"] = "tro_paa_arbejde";                   // duplicate id
  j["themes"][3]["questions"][1]["show_if"]["question"] = "findes_ikke";      // unknown condition
  j["scales"]["tom"] = json::array();                                        // empty scale
  j["themes"][2]["questions"][0]["text"].erase("da");                        // missing Danish
  j["themes"][0]["questions"][1]["type"] = "slider";                         // unknown type
  auto p = parse_questionnaire(j.dump());
  CHECK_FALSE(p.questionnaire);
  CHECK(has_problem(p, "/themes/1/questions/0/id", "duplicate question id"));
  CHECK(has_problem(p, "/themes/3/questions/1/show_if/question", "not an earlier question"));
  CHECK(has_problem(p, "/scales/tom", "non-empty list"));
  CHECK(has_problem(p, "/themes/2/questions/0/text/da", "Danish text is missing"));
  CHECK(has_problem(p, "/themes/0/questions/1/type", "must be one of"));
  CHECK(p.problems.size() == 5);
}

TEST_CASE("a condition must name an earlier question and one of its options") {
  json j = shipped();
  j["themes"][3]["questions"][1]["show_if"]["equals"] = "maaske";
  auto p = parse_questionnaire(j.dump());
  CHECK(has_problem(p, "/themes/3/questions/1/show_if/equals", "not an option"));

  json later = shipped();
  later["themes"][0]["questions"][0]["show_if"] = {{"question", "indsats_deltaget"}, {"equals", "ja"}};
  CHECK(has_problem(parse_questionnaire(later.dump()), "/themes/0/questions/0/show_if/question",
                    "not an earlier question"));
}

TEST_CASE("a scale4 question needs exactly four steps") {
  json j = shipped();
  j["scales"]["grad"].push_back({{"value", "ved_ikke"}, {"label", {{"da", "Ved ikke"}, {"en", "Don't know"}}}});
  auto p = parse_questionnaire(j.dump());
  CHECK(has_problem(p, "/themes/0/questions/0/scale", "exactly 4"));
}

TEST_CASE("malformed documents are refused, not crashed on") {
  CHECK(has_problem(parse_questionnaire("{"), "/", "not valid JSON"));
  CHECK(has_problem(parse_questionnaire("[1,2]"), "/", "JSON object"));
  auto empty = parse_questionnaire("{}");
  CHECK(has_problem(empty, "/id", "missing"));
  CHECK(has_problem(empty, "/version", "missing"));
  CHECK(has_problem(empty, "/themes", "missing"));
  json j = shipped();
  j["version"] = -3;
  CHECK(has_problem(parse_questionnaire(j.dump()), "/version", "positive"));
}

TEST_CASE("a stored questionnaire is parsed once per id, version and text, and shared") {
  const std::string text = shipped_survey("jobcenter.json");
  auto first = stored_questionnaire("cache-test", 1, text);
  REQUIRE(first);
  CHECK(first->themes.size() == 5);
  CHECK(stored_questionnaire("cache-test", 1, text) == first);  // the same object: not parsed again
  // Another database may hold other text under the same id and version.
  json other = shipped();
  other["themes"].erase(other["themes"].size() - 1);
  auto changed = stored_questionnaire("cache-test", 1, other.dump());
  REQUIRE(changed);
  CHECK(changed != first);
  CHECK(changed->themes.size() == 4);
  CHECK(stored_questionnaire("cache-test", 2, "{not json") == nullptr);
}
