#include "intake/survey/page_view.h"

namespace tilfreds::intake::survey {

RenderedPage citizen_page(const web::Renderer& renderer, const Questionnaire& q, const PageView& view,
                          const std::string& lang) {
  using web::TemplateData;
  TemplateData ctx = TemplateData::object();
  if (view.page == 0) {
    ctx.set("page_title", text_in(q.title, lang));
    ctx.set("title", text_in(q.title, lang));
    ctx.set("intro", text_in(q.intro, lang));
    return {"intro", std::move(ctx)};
  }
  const Theme& theme = q.themes.at(view.page - 1);
  const std::size_t pages = q.themes.size();
  const std::string page_no = std::to_string(view.page);
  ctx.set("page_no", page_no);
  ctx.set("page_count", std::to_string(pages));
  ctx.set("progress_step", std::to_string((view.page * 5 + pages - 1) / pages));
  const std::string& theme_title = text_in(theme.title, lang);
  ctx.set("theme_title", theme_title);
  std::string page_title = theme_title + " (" + page_no + "/" + std::to_string(pages) + ")";
  ctx.set("is_last", view.page == pages);
  ctx.set("revealed", view.revealed);
  ctx.set("busy", view.busy);
  TemplateData questions = TemplateData::list(theme.questions.size());
  TemplateData errors = TemplateData::list(theme.questions.size());
  std::string shown;
  for (const auto& question : theme.questions) {
    if (!is_visible(question, view.answers)) continue;
    shown += (shown.empty() ? "" : ",") + question.id;
    const std::string field_id = "q-" + question.id;
    const std::string field = field_name(question.id);
    const std::string& text = text_in(question.text, lang);
    auto answer = view.answers.find(question.id);
    auto error = view.errors.find(question.id);
    const bool invalid = error != view.errors.end();
    TemplateData qd = TemplateData::object();
    qd.set("field", field)
        .set("field_id", field_id)
        .set("text", text)
        .set("required", question.required)
        .set("invalid", invalid)
        .set("is_text", question.type == QuestionType::kText)
        .set("max_length", std::to_string(question.max_length))
        .set("value", answer != view.answers.end() ? answer->second : std::string());
    std::string describedby;
    if (!question.help.empty()) {
      qd.set("help", text_in(question.help, lang));
      describedby += field_id + "-hint";
    }
    if (invalid) {
      const std::string& message = renderer.text(lang, error->second);
      qd.set("error", message);
      describedby += (describedby.empty() ? "" : " ") + field_id + "-fejl";
      TemplateData e = TemplateData::object();
      e.set("anchor", field_id).set("question", text).set("message", message);
      errors.push(std::move(e));
    }
    if (question.type != QuestionType::kText && !describedby.empty()) qd.set("describedby", describedby);
    TemplateData options = TemplateData::list(question.options.size());
    for (std::size_t i = 0; i < question.options.size(); ++i) {
      const Option& o = question.options[i];
      TemplateData od = TemplateData::object();
      // field, required and invalid are the question's: a name not on the option is
      // looked up on the question around it, so they are not copied to every option.
      od.set("input_id", field_id + "-" + std::to_string(i))
          .set("value", o.value)
          .set("label", text_in(o.label, lang))
          .set("checked", answer != view.answers.end() && answer->second == o.value);
      options.push(std::move(od));
    }
    qd.set("options", std::move(options));
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
  ctx.set("page_title", page_title);
  ctx.set("shown", shown);
  return {"page", std::move(ctx)};
}

}  // namespace tilfreds::intake::survey
