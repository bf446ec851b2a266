#include "intake/survey/frame.h"

#include <catch2/catch.hpp>

#include "intake/survey/demo_data.h"

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
