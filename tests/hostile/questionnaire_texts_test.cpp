// Questionnaire texts are written by staff, not citizens, but a pasted or tampered
// questionnaire file must not put script or template syntax into a citizen's page:
// every text is rendered escaped, literally.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "intake/survey/demo_data.h"
#include "intake/survey/fieldwork.h"
#include "tests/support/test_server.h"

using tilfreds::testing::Browser;
using tilfreds::testing::TestServer;
namespace survey = tilfreds::intake::survey;

namespace {
constexpr const char* kPayload = "<script>alert(1)</script>{{csrf}}{{{csrf}}}{{=<% %>=}}\"'";

// Appends the payload to every text in every language (titles, intro, questions,
// help texts, option labels, group labels).
void poison(nlohmann::json& j) {
  if (j.is_object()) {
    for (auto& [key, value] : j.items()) {
      if ((key == "da" || key == "en") && value.is_string()) {
        value = value.get<std::string>() + kPayload;
      } else {
        poison(value);
      }
    }
  } else if (j.is_array()) {
    for (auto& v : j) poison(v);
  }
}
}  // namespace

TEST_CASE("script and template syntax in questionnaire texts is shown escaped, never run", "[http][hostile]") {
  TestServer s(0);
  auto q = nlohmann::json::parse(survey::shipped_survey("jobcenter.json"));
  q["id"] = "poisoned";
  poison(q);
  auto imported = survey::import_survey(s.db(), q.dump());
  INFO((imported.problems.empty() ? "" : imported.problems.front().where + ": " + imported.problems.front().message));
  REQUIRE(imported.ok());
  auto wave = survey::create_wave(s.db(), "poisoned", "2024-p", std::nullopt, std::nullopt);
  REQUIRE(wave.ok());
  auto letters = survey::import_frame(s.db(), s.key(), *wave.value, "reference;group\nP-1;dagpenge\n", "http://127.0.0.1", false);
  REQUIRE(letters.letters.size() == 1);
  const std::string& url = letters.letters[0].url;

  Browser b(s.port());
  REQUIRE(b.get(url.substr(url.find("/s/")))->status == 303);
  auto check_page = [](const httplib::Result& r) {
    REQUIRE(r);
    REQUIRE(r->status == 200);
    CHECK(r->body.find("<script") == std::string::npos);
    CHECK(r->body.find("<%") == std::string::npos);
    CHECK(r->body.find("&lt;script&gt;alert(1)&lt;/script&gt;{{csrf}}{{{csrf}}}{{=&lt;% %&gt;=}}") !=
          std::string::npos);
  };
  check_page(b.get("/svar"));           // intro: title and intro text
  const std::string csrf = b.csrf();
  CHECK(b.get("/svar")->body.find(csrf + "{{") == std::string::npos);  // {{csrf}} not expanded
  REQUIRE(b.post("/svar", {{"csrf", csrf}, {"side", "0"}, {"handling", "start"}})->status == 303);
  check_page(b.get("/svar"));           // page 1: theme title, questions, option labels
  check_page(b.get("/svar?lang=en"));   // the English texts too
}
