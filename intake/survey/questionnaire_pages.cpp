#include "intake/survey/questionnaire_pages.h"

#include "intake/survey/answers.h"

namespace tilfreds::intake::survey {

QuestionnairePages::QuestionnairePages(const Questionnaire& q, const std::string& lang) : lang_(lang) {
  using web::TemplateData;
  const std::size_t pages = q.themes.size();
  themes_.reserve(pages);
  for (std::size_t t = 0; t < pages; ++t) {
    const survey::Theme& theme = q.themes[t];
    const std::size_t page = t + 1;
    Theme out;
    out.data = TemplateData::object();
    out.data.set("page_no", std::to_string(page))
        .set("page_count", std::to_string(pages))
        .set("progress_step", std::to_string((page * 5 + pages - 1) / pages))
        .set("theme_title", text_in(theme.title, lang))
        .set("is_last", page == pages);
    out.questions.reserve(theme.questions.size());
    for (const auto& question : theme.questions) {
      Question qd;
      const std::string field_id = "q-" + question.id;
      const std::string field = field_name(question.id);
      qd.data = TemplateData::object();
      qd.data.set("field", field)
          .set("field_id", field_id)
          .set("text", text_in(question.text, lang))
          .set("required", question.required)
          .set("is_text", question.type == QuestionType::kText)
          .set("max_length", std::to_string(question.max_length));
      if (!question.help.empty()) {
        qd.data.set("help", text_in(question.help, lang));
        // An error adds its own id to this (citizen_page).
        if (question.type != QuestionType::kText) qd.data.set("describedby", field_id + "-hint");
      }
      for (bool checked : {false, true}) {
        for (bool invalid : {false, true}) {
          TemplateData& list = qd.options[checked][invalid];
          list = TemplateData::list(question.options.size());
          for (std::size_t i = 0; i < question.options.size(); ++i) {
            const Option& o = question.options[i];
            TemplateData od = TemplateData::object();
            od.set("input_id", field_id + "-" + std::to_string(i))
                .set("value", o.value)
                .set("label", text_in(o.label, lang))
                .set("checked", checked)
                .set("field", field)
                .set("required", question.required)
                .set("invalid", invalid);
            list.push(std::move(od));
          }
        }
      }
      out.questions.push_back(std::move(qd));
    }
    themes_.push_back(std::move(out));
  }
  // After every push: prepare_escaped() does not move anything, and nothing moves after.
  for (auto& theme : themes_) {
    theme.data.prepare_escaped();
    for (auto& question : theme.questions) {
      question.data.prepare_escaped();
      for (auto& by_checked : question.options) {
        for (auto& list : by_checked) list.prepare_escaped();
      }
    }
  }
}

std::shared_ptr<const QuestionnairePages> QuestionnairePagesCache::get(const Questionnaire& q,
                                                                        const std::string& lang) {
  auto key = std::make_tuple(q.id, q.version, lang);
  {
    std::lock_guard lock(mu_);
    if (auto it = pages_.find(key); it != pages_.end()) return it->second;
  }
  // Built outside the lock; two threads may both build the first one, the map keeps one.
  auto pages = std::make_shared<const QuestionnairePages>(q, lang);
  std::lock_guard lock(mu_);
  return pages_.emplace(std::move(key), std::move(pages)).first->second;
}

std::size_t QuestionnairePagesCache::size() const {
  std::lock_guard lock(mu_);
  return pages_.size();
}

}  // namespace tilfreds::intake::survey
