// What a questionnaire's pages show that only its stored version and the language decide —
// each question's ids, text, help and options, each theme's title and place — built once
// as template data, escaped once, and shared read-only by every request for that version
// and language (a stored version never changes). A page view lays its own few values (the
// answers, the errors) over it instead of building every question and option again:
// that was a theme page's data, and a third of its rendering (bench/README.md, session 14).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "intake/survey/questionnaire.h"
#include "intake/web/template_data.h"

namespace tilfreds::intake::survey {

class QuestionnairePages {
 public:
  // `lang` as Renderer::language() gives it.
  QuestionnairePages(const Questionnaire& q, const std::string& lang);
  QuestionnairePages(const QuestionnairePages&) = delete;
  QuestionnairePages& operator=(const QuestionnairePages&) = delete;

  struct Question {
    web::TemplateData data;  // field, field_id, text, required, is_text, max_length, help, describedby
    // The options (input_id, value, label, checked), by [checked][invalid]: each also
    // holds the question's field, required and invalid, which the template reads on every
    // option, so that every name of an option is found on the option.
    web::TemplateData options[2][2];
  };
  struct Theme {
    web::TemplateData data;  // page_no, page_count, progress_step, theme_title, is_last
    std::vector<Question> questions;  // beside the theme's questions, in order
  };

  const std::string& lang() const { return lang_; }
  // Theme `index` (0-based) of the questionnaire it was built from.
  const Theme& theme(std::size_t index) const { return themes_.at(index); }

 private:
  std::string lang_;
  std::vector<Theme> themes_;
};

// The pages of each questionnaire version in each language, built on first use. Safe to
// share between threads.
class QuestionnairePagesCache {
 public:
  // `lang` as Renderer::language() gives it; `q` is the stored version q.id, q.version.
  std::shared_ptr<const QuestionnairePages> get(const Questionnaire& q, const std::string& lang);
  std::size_t size() const;

 private:
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::int64_t, std::string>, std::shared_ptr<const QuestionnairePages>> pages_;
};

}  // namespace tilfreds::intake::survey
