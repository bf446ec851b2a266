// One page of a questionnaire as a citizen sees it — the intro or a theme with its
// visible questions, answers, errors and progress — as a template name and its
// context. The citizen path and the administration's preview (which stores
// nothing) both render through here, so the preview is exactly what citizens get.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "intake/survey/answers.h"
#include "intake/survey/questionnaire.h"
#include "intake/survey/questionnaire_pages.h"
#include "intake/web/render.h"
#include "intake/web/template_data.h"

namespace tilfreds::intake::survey {

struct PageView {
  std::size_t page = 0;  // 0 = intro, 1.. = themes
  Answers answers;
  std::map<std::string, std::string> errors;  // question id → text key
  std::vector<std::string> form_errors;       // text keys
  bool revealed = false;
  bool busy = false;
};

struct RenderedPage {
  std::string template_name;  // "intro" or "page"
  // What ctx refers to (it is laid over it): kept for as long as the page is.
  std::shared_ptr<const QuestionnairePages> pages;
  web::TemplateData ctx;      // without csrf, form target or language switch; render with page_from()
};

// The page `view.page` of `q` in `lang` (as Renderer::language() gives it). Built
// directly as template data: a theme page repeats its questions and their options,
// and building them as JSON first cost more than rendering them (bench/README.md).
// `pages` is q's shared data in `lang` (QuestionnairePagesCache); without it, it is
// built for this page alone (the administration's preview).
RenderedPage citizen_page(const web::Renderer& renderer, const Questionnaire& q, const PageView& view,
                          const std::string& lang, std::shared_ptr<const QuestionnairePages> pages = nullptr);

}  // namespace tilfreds::intake::survey
