// A questionnaire version's shared page data (intake/survey/questionnaire_pages.h): built
// once per stored version and language, and the pages laid over it are the pages the
// citizen is meant to see — their own answers checked, their own errors, in their language.
#include "intake/survey/questionnaire_pages.h"

#include <catch2/catch.hpp>
#include <string>

#include "intake/survey/demo_data.h"
#include "intake/survey/page_view.h"
#include "intake/web/render.h"

using namespace tilfreds::intake::survey;
using tilfreds::intake::web::Renderer;

namespace {
Questionnaire shipped() {
  auto p = parse_questionnaire(shipped_survey("jobcenter.json"));
  REQUIRE(p.questionnaire);
  return *p.questionnaire;
}

std::string page(const Renderer& r, const Questionnaire& q, const PageView& view, const std::string& lang,
                 std::shared_ptr<const QuestionnairePages> pages) {
  auto p = citizen_page(r, q, view, lang, std::move(pages));
  return r.page_from(p.template_name, p.ctx, lang);
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("the pages' shared data is kept once per questionnaire version and language") {
  const Questionnaire q = shipped();
  Questionnaire later = q;
  later.version = q.version + 1;
  later.themes[0].title["da"] = "Et nyt navn";
  QuestionnairePagesCache cache;
  auto da = cache.get(q, "da");
  CHECK(cache.get(q, "da") == da);  // the same object, not built again
  auto en = cache.get(q, "en");
  CHECK(en != da);
  CHECK(en->lang() == "en");
  auto next = cache.get(later, "da");
  CHECK(next != da);
  CHECK(cache.size() == 3);
  CHECK(*da->theme(0).data.string("theme_title") == q.themes[0].title.at("da"));
  CHECK(*next->theme(0).data.string("theme_title") == "Et nyt navn");
}

TEST_CASE("a theme page over the shared data is the citizen's own page, in their language") {
  const Renderer r;
  const Questionnaire q = shipped();
  QuestionnairePagesCache cache;
  PageView view;
  view.page = 1;
  const Question& first = q.themes[0].questions.at(0);
  const Question& second = q.themes[0].questions.at(1);
  REQUIRE(first.options.size() >= 2);
  view.answers[first.id] = first.options[1].value;
  view.errors[second.id] = "error_required";

  const std::string da = page(r, q, view, "da", cache.get(q, "da"));
  const std::string en = page(r, q, view, "en", cache.get(q, "en"));
  CHECK(da != en);
  CHECK(da.find(q.themes[0].title.at("da")) != std::string::npos);
  CHECK(en.find(q.themes[0].title.at("en")) != std::string::npos);
  CHECK(en.find(q.themes[0].title.at("da")) == std::string::npos);
  // Exactly the answered option is checked, and only the question with the error says so.
  CHECK(count(da, " checked") == 1);
  CHECK(da.find("id=\"q-" + first.id + "-1\" name=\"" + field_name(first.id) + "\" value=\"" +
                first.options[1].value + "\" checked") != std::string::npos);
  CHECK(count(da, "aria-invalid=\"true\"") == second.options.size());
  CHECK(da.find("id=\"q-" + second.id + "-fejl\"") != std::string::npos);
  CHECK(da.find(r.text("da", "error_required")) != std::string::npos);

  // The next request, without answers or errors, finds none left in the shared data.
  PageView fresh;
  fresh.page = 1;
  const std::string clean = page(r, q, fresh, "da", cache.get(q, "da"));
  CHECK(count(clean, " checked") == 0);
  CHECK(count(clean, "aria-invalid") == 0);
  // And it is the page built without the cache (the administration's preview).
  CHECK(clean == page(r, q, fresh, "da", nullptr));
  CHECK(da == page(r, q, view, "da", nullptr));
}
