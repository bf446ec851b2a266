#include "intake/survey/answers.h"

#include <nlohmann/json.hpp>

#include "intake/text.h"

namespace tilfreds::intake::survey {

namespace {
constexpr std::string_view kFieldPrefix = "q_";

bool is_option(const Question& q, const std::string& value) {
  for (const auto& o : q.options) {
    if (o.value == value) return true;
  }
  return false;
}

// Counts UTF-8 code points, the length a citizen sees.
std::size_t text_length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

std::string field_name(const std::string& question_id) { return std::string(kFieldPrefix) + question_id; }

bool is_visible(const Question& q, const Answers& answers) {
  if (!q.show_if) return true;
  auto it = answers.find(q.show_if->question);
  return it != answers.end() && it->second == q.show_if->equals;
}

PageResult apply_page(const Questionnaire& questionnaire, std::size_t theme, const Answers& before,
                      const FormFields& fields, const std::set<std::string>& shown,
                      bool check_required) {
  PageResult result;
  result.answers = before;
  const Theme& page = questionnaire.themes.at(theme);

  std::map<std::string, std::string> posted;
  for (const auto& [name, value] : fields) {
    if (name.rfind(kFieldPrefix, 0) != 0) continue;  // csrf, side, handling: not answers
    std::string id = name.substr(kFieldPrefix.size());
    const Question* q = questionnaire.find(id);
    if (!q || questionnaire.theme_of(id) != theme) {
      result.form_errors.push_back("error_unknown_field");
      continue;
    }
    if (!posted.emplace(id, value).second) result.form_errors.push_back("error_duplicate_field");
  }
  if (!result.form_errors.empty()) return result;

  for (const auto& q : page.questions) {
    auto it = posted.find(q.id);
    std::string value = it == posted.end() ? std::string() : it->second;
    if (q.type == QuestionType::kText) value = trim(value);
    if (value.empty()) {
      result.answers.erase(q.id);
      continue;
    }
    if (q.type == QuestionType::kText) {
      if (!is_valid_utf8(value)) {
        result.errors[q.id] = "error_not_text";
      } else if (text_length(value) > q.max_length) {
        result.errors[q.id] = "error_too_long";
        result.answers[q.id] = value;  // kept, so the citizen can shorten it
      } else {
        result.answers[q.id] = value;
      }
    } else if (!is_option(q, value)) {
      result.errors[q.id] = "error_not_option";
    } else {
      result.answers[q.id] = value;
    }
  }
  // Answers to questions whose condition no longer holds are not the citizen's view.
  for (const auto& q : page.questions) {
    if (!is_visible(q, result.answers)) result.answers.erase(q.id);
  }
  for (const auto& q : page.questions) {
    if (!is_visible(q, result.answers) || result.answers.count(q.id) || result.errors.count(q.id)) {
      continue;
    }
    if (q.show_if && shown.count(q.id) == 0) {
      result.revealed = true;  // not an error: the citizen has not seen it yet
    } else if (check_required && q.required) {
      result.errors[q.id] = "error_required";
    }
  }
  return result;
}

std::optional<std::size_t> first_incomplete_theme(const Questionnaire& questionnaire,
                                                  const Answers& answers) {
  for (std::size_t t = 0; t < questionnaire.themes.size(); ++t) {
    for (const auto& q : questionnaire.themes[t].questions) {
      if (q.required && is_visible(q, answers) && answers.count(q.id) == 0) return t;
    }
  }
  return std::nullopt;
}

std::string answers_json(const Answers& answers) { return nlohmann::json(answers).dump(); }

Answers parse_answers(const std::string& json_text) {
  Answers out;
  auto j = nlohmann::json::parse(json_text, nullptr, false);
  if (!j.is_object()) return out;
  for (auto& [k, v] : j.items()) {
    if (v.is_string()) out[k] = v.get<std::string>();
  }
  return out;
}

db::NewResponse build_response(const Questionnaire& questionnaire, std::int64_t wave_id,
                               const std::string& group,
                               const std::map<std::string, std::string>& background,
                               const Answers& answers) {
  db::NewResponse r;
  r.wave_id = wave_id;
  r.group = group;
  r.background = nlohmann::json(background).dump();
  std::vector<db::DimValue> dims = {{"all", ""}, {"group", group}};
  for (const auto& [column, value] : background) dims.push_back({column, value});
  r.respondent_dims = dims;

  Answers kept;
  for (const auto& theme : questionnaire.themes) {
    for (const auto& q : theme.questions) {
      auto it = answers.find(q.id);
      if (it == answers.end() || !is_visible(q, answers)) continue;
      kept[q.id] = it->second;
      if (q.type == QuestionType::kText) continue;  // free text is never counted
      for (const auto& d : dims) r.answer_counts.push_back({d.dim, d.dim_value, q.id, it->second});
    }
  }
  r.answers = answers_json(kept);
  return r;
}

}  // namespace tilfreds::intake::survey
