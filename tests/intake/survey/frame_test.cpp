#include "intake/survey/frame.h"

#include <catch2/catch.hpp>

#include "intake/survey/demo_data.h"
#include "intake/text.h"

using namespace tilfreds::intake::survey;

namespace {
const Questionnaire& jobcenter() {
  static const Questionnaire q = *parse_questionnaire(shipped_survey("jobcenter.json")).questionnaire;
  return q;
}
}  // namespace

TEST_CASE("a frame's rows carry reference, group and the background columns") {
  auto f = parse_frame("\xEF\xBB\xBFReference;Group;tilbud\r\nK-1;dagpenge;praktik\r\nK-2;sygedagpenge;\r\n", jobcenter());
  REQUIRE(f.problems.empty());
  REQUIRE(f.rows.size() == 2);
  CHECK(f.rows[0].reference == "K-1");
  CHECK(f.rows[0].group == "dagpenge");
  CHECK(f.rows[0].background.at("tilbud") == "praktik");
  CHECK(f.rows[1].background.at("tilbud").empty());
}

TEST_CASE("bad frame rows are reported by line number and left out") {
  auto f = parse_frame(
      "reference,group\n"
      "K-1,dagpenge\n"
      ",dagpenge\n"           // line 3: no reference
      "K-1,kontanthjaelp\n"   // line 4: repeated
      "K-3,pension\n"         // line 5: unknown group
      "K-4,dagpenge,extra\n", // line 6: too many fields
      jobcenter());
  REQUIRE(f.problems.size() == 4);
  CHECK(f.problems[0].where == "line 3");
  CHECK(f.problems[1].where == "line 4");
  CHECK(f.problems[1].message.find("twice") != std::string::npos);
  CHECK(f.problems[2].where == "line 5");
  CHECK(f.problems[2].message.find("unknown group 'pension'") != std::string::npos);
  CHECK(f.problems[3].where == "line 6");
  REQUIRE(f.rows.size() == 1);
  CHECK(f.rows[0].reference == "K-1");
}

TEST_CASE("a frame without the required columns says which") {
  auto f = parse_frame("cpr;navn\n1;x\n", jobcenter());
  REQUIRE(f.problems.size() == 2);
  CHECK(f.problems[0].message.find("'reference'") != std::string::npos);
  CHECK(f.problems[1].message.find("'group'") != std::string::npos);
}

TEST_CASE("a frame's group may be its id or its Danish or English label in any case, as import-counts accepts") {
  auto f = parse_frame("reference;group\nA;Kontanthjælp\nB;KONTANTHJÆLP\nC; kontanthjælp \nD;Social assistance\n"
                       "E;FØRTIDSPENSION\nF;kontanthjælpen\n",
                       jobcenter());
  REQUIRE(f.rows.size() == 5);
  for (int i = 0; i < 4; ++i) CHECK(f.rows[i].group == "kontanthjaelp");
  CHECK(f.rows[4].group == "foertidspension");
  REQUIRE(f.problems.size() == 1);
  CHECK(f.problems[0].where == "line 7");
  CHECK(tilfreds::intake::fold_case("ÆØÅ ÉÜ × Straße") == "æøå éü × straße");
}

TEST_CASE("a frame separated by tabs is named as such, not only as missing columns") {
  auto f = parse_frame("reference\tgroup\nA\tdagpenge\n", jobcenter());
  REQUIRE_FALSE(f.problems.empty());
  CHECK(f.problems[0].where == "header");
  CHECK(f.problems[0].message.find("one column only") != std::string::npos);
}
