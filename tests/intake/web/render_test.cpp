// The Renderer's names every page gets (render.h): the site snapshot per language
// from set_site() (intake/settings/site_frame.cpp publishes it), the footer's privacy
// links by the page's part of the site, and the default language switch. These are
// built once (per language, per snapshot) rather than written into each request's
// JSON, so the tests check that each request still sees exactly its own.
#include <catch2/catch.hpp>

#include <string>

#include "intake/web/render.h"

using tilfreds::intake::web::Renderer;

namespace {
bool has(const std::string& html, const std::string& s) { return html.find(s) != std::string::npos; }
const nlohmann::json kMessage = {{"page_title", "T"}, {"heading", "H"}, {"text", "x"}};
}  // namespace

TEST_CASE("set_site gives each language its own site object, in the body and the layout, and a new call replaces it") {
  const Renderer r;
  CHECK_FALSE(has(r.page("message", kMessage, "da"), "class=\"org\""));  // none yet: the product's name
  r.set_site({{"da", {{"name", "Lejre Kommune"}, {"call", "Ring til os"}}},
              {"en", {{"name", "Lejre Municipality"}}}});
  const std::string da = r.page("message", kMessage, "da");
  CHECK(has(da, "<span class=\"org\">Lejre Kommune</span>"));
  CHECK(has(da, "<p class=\"call\">Ring til os</p>"));  // message.mustache's body reads site.call
  const std::string en = r.page("message", kMessage, "en");
  CHECK(has(en, "<span class=\"org\">Lejre Municipality</span>"));
  CHECK_FALSE(has(en, "Ring til os"));
  CHECK(has(r.standalone("message", kMessage, "da"), "Ring til os"));
  // A context's own "site" does not override the settings.
  nlohmann::json forged = kMessage;
  forged["site"] = {{"name", "<forged>"}};
  CHECK_FALSE(has(r.page("message", forged, "da"), "forged"));

  r.set_site({{"da", {{"name", "Roskilde Kommune"}}}});
  CHECK(has(r.page("message", kMessage, "da"), "Roskilde Kommune"));
  CHECK_FALSE(has(r.page("message", kMessage, "da"), "Lejre"));
  CHECK_FALSE(has(r.page("message", kMessage, "en"), "class=\"org\""));  // no English object now
}

TEST_CASE("the footer links to the privacy notice of the page's part of the site, staff and shared pages to both") {
  const Renderer r;
  const std::string survey_link = "href=\"/privatliv/undersoegelse\"", complaints_link = "href=\"/privatliv/klager\"";
  auto page = [&](const nlohmann::json& privacy) {
    nlohmann::json ctx = kMessage;
    if (!privacy.is_null()) ctx["privacy"] = privacy;
    return r.page("message", ctx, "da");
  };
  const std::string survey = page("survey"), complaints = page("complaints"), both = page(nullptr);
  CHECK(has(survey, survey_link));
  CHECK_FALSE(has(survey, complaints_link));
  CHECK(has(complaints, complaints_link));
  CHECK_FALSE(has(complaints, survey_link));
  CHECK((has(both, survey_link) && has(both, complaints_link)));
  const std::string odd = page(7);  // not a string: both, and no exception
  CHECK((has(odd, survey_link) && has(odd, complaints_link)));
  // A context cannot switch them on against its part.
  nlohmann::json ctx = kMessage;
  ctx["privacy"] = "survey";
  ctx["privacy_complaints"] = true;
  CHECK_FALSE(has(r.page("message", ctx, "da"), complaints_link));
}

TEST_CASE("every page offers the other language unless its context sets the switch itself") {
  const Renderer r;
  CHECK(has(r.page("message", kMessage, "da"), "href=\"?lang=en\""));
  CHECK(has(r.page("message", kMessage, "en"), "href=\"?lang=da\""));
  nlohmann::json own = kMessage;
  own["language_href"] = "/svar?lang=en";
  CHECK(has(r.page("message", own, "da"), "href=\"/svar?lang=en\""));
  CHECK_FALSE(has(r.page("message", own, "da"), "href=\"?lang=en\""));
  nlohmann::json none = kMessage;
  none["language_href"] = nullptr;  // a questionnaire in one language
  CHECK_FALSE(has(r.page("message", none, "da"), "class=\"lang\""));
  nlohmann::json button = kMessage;
  button["language_button"] = {{"form", "f"}, {"name", "n"}, {"value", "en"}};
  const std::string b = r.page("message", button, "da");
  CHECK(has(b, "<button type=\"submit\" class=\"lang\" form=\"f\""));
  CHECK_FALSE(has(b, "href=\"?lang=en\""));
  // A standalone document (a report saved to a file) has no layout and no switch.
  CHECK_FALSE(has(r.standalone("message", kMessage, "da"), "?lang="));
}
