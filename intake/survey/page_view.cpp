#include "intake/survey/page_view.h"

namespace tilfreds::intake::survey {

RenderedPage citizen_page(const web::Renderer& renderer, const Questionnaire& q, const PageView& view,
                          const std::string& lang, std::shared_ptr<const QuestionnairePages> pages) {
  using web::TemplateData;
  if (view.page == 0) {
    TemplateData ctx = TemplateData::object();
    ctx.set("page_title", text_in(q.title, lang));
    ctx.set("title", text_in(q.title, lang));
    ctx.set("intro", text_in(q.intro, lang));
    ctx.set("busy", view.busy);  // Start pressed while the database could not take it
    return {"intro", nullptr, std::move(ctx)};
  }
  if (!pages) pages = std::make_shared<const QuestionnairePages>(q, lang);
  const Theme& theme = q.themes.at(view.page - 1);
  const QuestionnairePages::Theme& shared = pages->theme(view.page - 1);
  // The request's own values over the theme's shared ones (page_no, theme_title, …).
  TemplateData ctx = TemplateData::over(shared.data, 24);
  std::string page_title = *shared.data.string("theme_title") + " (" + *shared.data.string("page_no") + "/" +
                           *shared.data.string("page_count") + ")";
  ctx.set("revealed", view.revealed);
  ctx.set("busy", view.busy);
  TemplateData questions = TemplateData::list(theme.questions.size());
  TemplateData errors = TemplateData::list(theme.questions.size());
  std::string shown;
  for (std::size_t k = 0; k < theme.questions.size(); ++k) {
    const Question& question = theme.questions[k];
    if (!is_visible(question, view.answers)) continue;
    const QuestionnairePages::Question& s = shared.questions[k];
    shown += (shown.empty() ? "" : ",") + question.id;
    auto answer = view.answers.find(question.id);
    auto error = view.errors.find(question.id);
    const bool invalid = error != view.errors.end();
    TemplateData qd = TemplateData::over(s.data, 5);
    qd.set("invalid", invalid).set("value", answer != view.answers.end() ? answer->second : std::string());
    if (invalid) {
      const std::string& field_id = *s.data.string("field_id");
      const std::string& message = renderer.text(lang, error->second);
      qd.set("error", message);
      if (question.type != QuestionType::kText) {
        qd.set("describedby", (question.help.empty() ? "" : field_id + "-hint ") + field_id + "-fejl");
      }
      TemplateData e = TemplateData::object();
      e.set("anchor", field_id).set("question", *s.data.string("text")).set("message", message);
      errors.push(std::move(e));
    }
    // The options as shared, unless the answer checks one of them.
    bool any_checked = false;
    if (answer != view.answers.end()) {
      for (const auto& o : question.options) any_checked = any_checked || o.value == answer->second;
    }
    if (!any_checked) {
      qd.set("options", TemplateData::ref(s.options[0][invalid]));
    } else {
      TemplateData options = TemplateData::list(question.options.size());
      for (std::size_t i = 0; i < question.options.size(); ++i) {
        const bool checked = question.options[i].value == answer->second;
        options.push(TemplateData::ref(s.options[checked][invalid].items()[i]));
      }
      qd.set("options", std::move(options));
    }
    questions.push(std::move(qd));
  }
  TemplateData form_errors = TemplateData::list(view.form_errors.size());
  for (const auto& key : view.form_errors) {
    // A list of strings, printed with {{.}}.
    form_errors.push(TemplateData::text(renderer.text(lang, key)));
  }
  const bool has_errors = !errors.empty_list() || !form_errors.empty_list();
  ctx.set("questions", std::move(questions));
  ctx.set("errors", std::move(errors));
  ctx.set("form_errors", std::move(form_errors));
  ctx.set("has_errors", has_errors);
  // The title is read first on load: say at once that something needs fixing.
  if (has_errors) page_title = renderer.text(lang, "error_prefix") + " " + page_title;
  ctx.set("page_title", std::move(page_title));
  ctx.set("shown", std::move(shown));
  return {"page", std::move(pages), std::move(ctx)};
}

}  // namespace tilfreds::intake::survey
