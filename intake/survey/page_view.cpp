#include "intake/survey/page_view.h"

namespace tilfreds::intake::survey {

RenderedPage citizen_page(const web::Renderer& renderer, const Questionnaire& q, const PageView& view,
                          const std::string& lang) {
  nlohmann::json ctx = nlohmann::json::object();
  if (view.page == 0) {
    ctx["page_title"] = text_in(q.title, lang);
    ctx["title"] = text_in(q.title, lang);
    ctx["intro"] = text_in(q.intro, lang);
    return {"intro", ctx};
  }
  const Theme& theme = q.themes.at(view.page - 1);
  const std::size_t pages = q.themes.size();
  ctx["page_no"] = std::to_string(view.page);
  ctx["page_count"] = std::to_string(pages);
  ctx["progress_step"] = std::to_string((view.page * 5 + pages - 1) / pages);
  ctx["theme_title"] = text_in(theme.title, lang);
  ctx["page_title"] = text_in(theme.title, lang) + " (" + std::to_string(view.page) + "/" +
                      std::to_string(pages) + ")";
  ctx["is_last"] = view.page == pages;
  ctx["revealed"] = view.revealed;
  ctx["busy"] = view.busy;
  nlohmann::json questions = nlohmann::json::array();
  nlohmann::json errors = nlohmann::json::array();
  std::string shown;
  for (const auto& question : theme.questions) {
    if (!is_visible(question, view.answers)) continue;
    shown += (shown.empty() ? "" : ",") + question.id;
    std::string field_id = "q-" + question.id;
    auto answer = view.answers.find(question.id);
    auto error = view.errors.find(question.id);
    nlohmann::json qj{{"field", field_name(question.id)},
                      {"field_id", field_id},
                      {"text", text_in(question.text, lang)},
                      {"required", question.required},
                      {"is_text", question.type == QuestionType::kText},
                      {"max_length", std::to_string(question.max_length)},
                      {"value", answer != view.answers.end() ? answer->second : ""}};
    std::string describedby;
    if (!question.help.empty()) {
      qj["help"] = text_in(question.help, lang);
      describedby += field_id + "-hint";
    }
    if (error != view.errors.end()) {
      std::string message = renderer.text(lang, error->second);
      qj["error"] = message;
      describedby += (describedby.empty() ? "" : " ") + field_id + "-fejl";
      errors.push_back({{"anchor", field_id}, {"question", text_in(question.text, lang)},
                        {"message", message}});
    }
    if (question.type != QuestionType::kText && !describedby.empty()) qj["describedby"] = describedby;
    nlohmann::json options = nlohmann::json::array();
    for (std::size_t i = 0; i < question.options.size(); ++i) {
      const Option& o = question.options[i];
      options.push_back({{"input_id", field_id + "-" + std::to_string(i)},
                         {"field", field_name(question.id)},
                         {"value", o.value},
                         {"label", text_in(o.label, lang)},
                         {"checked", answer != view.answers.end() && answer->second == o.value},
                         {"required", question.required},
                         {"invalid", error != view.errors.end()}});
    }
    qj["options"] = options;
    questions.push_back(qj);
  }
  nlohmann::json form_errors = nlohmann::json::array();
  for (const auto& key : view.form_errors) form_errors.push_back(renderer.text(lang, key));
  ctx["questions"] = questions;
  ctx["errors"] = errors;
  ctx["form_errors"] = form_errors;
  ctx["has_errors"] = !errors.empty() || !form_errors.empty();
  if (ctx["has_errors"]) {
    // The title is read first on load: say at once that something needs fixing.
    ctx["page_title"] = renderer.text(lang, "error_prefix") + " " + ctx["page_title"].get<std::string>();
  }
  ctx["shown"] = shown;
  return {"page", ctx};
}

}  // namespace tilfreds::intake::survey
