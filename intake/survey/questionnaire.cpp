#include "intake/survey/questionnaire.h"

#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "intake/text.h"

namespace tilfreds::intake::survey {

namespace {
using nlohmann::json;

// Stable ids end up in URLs, form field names, counts and other years' tables.
bool is_stable_id(const std::string& s) {
  static const std::regex kId("[a-z0-9][a-z0-9_-]{0,63}");
  return std::regex_match(s, kId);
}

class Reader {
 public:
  explicit Reader(Problems& problems) : problems_(problems) {}

  void problem(const std::string& path, const std::string& message) {
    problems_.push_back({path.empty() ? "/" : path, message});
  }

  const json* member(const json& obj, const std::string& path, const char* key, bool required) {
    if (!obj.is_object()) return nullptr;
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) problem(path + "/" + key, "is missing");
      return nullptr;
    }
    return &*it;
  }

  std::string id(const json& obj, const std::string& path, const char* key) {
    const json* v = member(obj, path, key, true);
    if (!v) return {};
    if (!v->is_string() || !is_stable_id(v->get<std::string>())) {
      problem(path + "/" + key,
              "must be a stable id: lower-case letters, digits, '_' or '-', at most 64");
      return {};
    }
    return v->get<std::string>();
  }

  Text text(const json& obj, const std::string& path, const char* key, bool required,
            const std::vector<std::string>& languages) {
    Text out;
    const json* v = member(obj, path, key, required);
    if (!v) return out;
    std::string here = path + "/" + key;
    if (!v->is_object()) {
      problem(here, "must be an object of texts per language, e.g. {\"da\": \"…\"}");
      return out;
    }
    for (auto& [lang, t] : v->items()) {
      if (!t.is_string()) {
        problem(here + "/" + lang, "must be a string");
        continue;
      }
      out[lang] = t.get<std::string>();
    }
    for (const auto& lang : languages) {
      if (out.count(lang) == 0 || out[lang].empty()) {
        problem(here + "/" + lang,
                lang == "da" ? "the Danish text is missing" : "the text in '" + lang + "' is missing");
      }
    }
    return out;
  }

  std::vector<Option> options(const json& arr, const std::string& path,
                              const std::vector<std::string>& languages) {
    std::vector<Option> out;
    if (!arr.is_array() || arr.empty()) {
      problem(path, "must be a non-empty list of options");
      return out;
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < arr.size(); ++i) {
      std::string here = path + "/" + std::to_string(i);
      Option o{id(arr[i], here, "value"), text(arr[i], here, "label", true, languages)};
      if (!o.value.empty() && !seen.insert(o.value).second) {
        problem(here + "/value", "duplicate option value '" + o.value + "'");
      }
      out.push_back(std::move(o));
    }
    return out;
  }

 private:
  Problems& problems_;
};

std::optional<QuestionType> parse_type(const std::string& s) {
  if (s == "scale4") return QuestionType::kScale4;
  if (s == "choice") return QuestionType::kChoice;
  if (s == "yesno") return QuestionType::kYesNo;
  if (s == "text") return QuestionType::kText;
  return std::nullopt;
}
}  // namespace

const std::string& text_in(const Text& text, const std::string& lang) {
  auto it = text.find(lang);
  if (it != text.end() && !it->second.empty()) return it->second;
  static const std::string kEmpty;
  it = text.find("da");
  return it != text.end() ? it->second : kEmpty;
}

const Question* Questionnaire::find(const std::string& question_id) const {
  for (const auto& t : themes) {
    for (const auto& q : t.questions) {
      if (q.id == question_id) return &q;
    }
  }
  return nullptr;
}

std::optional<std::size_t> Questionnaire::theme_of(const std::string& question_id) const {
  for (size_t i = 0; i < themes.size(); ++i) {
    for (const auto& q : themes[i].questions) {
      if (q.id == question_id) return i;
    }
  }
  return std::nullopt;
}

bool Questionnaire::has_group(const std::string& group_id) const {
  for (const auto& g : groups) {
    if (g.id == group_id) return true;
  }
  return false;
}

std::optional<std::string> Questionnaire::group_id(const std::string& id_or_label) const {
  if (has_group(id_or_label)) return id_or_label;
  std::string wanted = fold_case(trim(id_or_label));
  for (const auto& g : groups) {
    if (fold_case(g.id) == wanted) return g.id;
    for (const auto& [lang, label] : g.label) {
      if (fold_case(trim(label)) == wanted) return g.id;
    }
  }
  return std::nullopt;
}

ParsedQuestionnaire parse_questionnaire(const std::string& json_text) {
  ParsedQuestionnaire result;
  Problems& problems = result.problems;
  Reader r(problems);
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) {
    r.problem("/", "is not valid JSON");
    return result;
  }
  if (!doc.is_object()) {
    r.problem("/", "must be a JSON object");
    return result;
  }

  Questionnaire q;
  q.id = r.id(doc, "", "id");
  if (const json* v = r.member(doc, "", "version", true)) {
    if (v->is_number_integer() && v->get<std::int64_t>() > 0) {
      q.version = v->get<std::int64_t>();
    } else {
      r.problem("/version", "must be a positive whole number");
    }
  }
  q.languages = {"da"};
  if (const json* v = r.member(doc, "", "languages", false)) {
    if (!v->is_array()) {
      r.problem("/languages", "must be a list such as [\"da\", \"en\"]");
    } else {
      for (size_t i = 0; i < v->size(); ++i) {
        const json& l = (*v)[i];
        if (!l.is_string() || l.get<std::string>().size() != 2) {
          r.problem("/languages/" + std::to_string(i), "must be a two-letter language code");
        } else if (l != "da") {
          q.languages.push_back(l.get<std::string>());
        }
      }
    }
  }
  q.title = r.text(doc, "", "title", true, q.languages);
  q.intro = r.text(doc, "", "intro", true, q.languages);

  std::map<std::string, std::vector<Option>> scales;
  if (const json* v = r.member(doc, "", "scales", false)) {
    if (!v->is_object()) {
      r.problem("/scales", "must be an object of named scales");
    } else {
      for (auto& [name, arr] : v->items()) {
        scales[name] = r.options(arr, "/scales/" + name, q.languages);
      }
    }
  }

  if (const json* v = r.member(doc, "", "groups", false)) {
    std::set<std::string> seen;
    for (size_t i = 0; v->is_array() && i < v->size(); ++i) {
      std::string here = "/groups/" + std::to_string(i);
      Group g{r.id((*v)[i], here, "id"), r.text((*v)[i], here, "label", true, q.languages)};
      if (!g.id.empty() && !seen.insert(g.id).second) {
        r.problem(here + "/id", "duplicate group id '" + g.id + "'");
      }
      q.groups.push_back(std::move(g));
    }
    if (!v->is_array()) r.problem("/groups", "must be a list of groups");
  }

  const json* themes = r.member(doc, "", "themes", true);
  if (themes && (!themes->is_array() || themes->empty())) {
    r.problem("/themes", "must be a non-empty list of themes (one page each)");
    themes = nullptr;
  }
  std::set<std::string> theme_ids;
  // Option values of the questions seen so far, for checking conditions.
  std::map<std::string, std::vector<std::string>> earlier;
  std::vector<std::string> question_ids;
  for (size_t t = 0; themes && t < themes->size(); ++t) {
    const json& tj = (*themes)[t];
    std::string tpath = "/themes/" + std::to_string(t);
    Theme theme{r.id(tj, tpath, "id"), r.text(tj, tpath, "title", true, q.languages), {}};
    if (!theme.id.empty() && !theme_ids.insert(theme.id).second) {
      r.problem(tpath + "/id", "duplicate theme id '" + theme.id + "'");
    }
    const json* qs = r.member(tj, tpath, "questions", true);
    if (qs && (!qs->is_array() || qs->empty())) {
      r.problem(tpath + "/questions", "must be a non-empty list of questions");
      qs = nullptr;
    }
    for (size_t i = 0; qs && i < qs->size(); ++i) {
      const json& qj = (*qs)[i];
      std::string qpath = tpath + "/questions/" + std::to_string(i);
      Question question;
      question.id = r.id(qj, qpath, "id");
      question.text = r.text(qj, qpath, "text", true, q.languages);
      question.help = r.text(qj, qpath, "help", false, {});
      question.summary = r.text(qj, qpath, "summary", false, {});
      if (const json* v = r.member(qj, qpath, "required", false)) {
        if (v->is_boolean()) {
          question.required = v->get<bool>();
        } else {
          r.problem(qpath + "/required", "must be true or false");
        }
      }
      std::optional<QuestionType> type;
      if (const json* v = r.member(qj, qpath, "type", true)) {
        if (v->is_string()) type = parse_type(v->get<std::string>());
        if (!type) r.problem(qpath + "/type", "must be one of scale4, choice, yesno, text");
      }
      if (type) question.type = *type;
      if (type == QuestionType::kScale4 || type == QuestionType::kYesNo) {
        size_t want = type == QuestionType::kScale4 ? 4 : 2;
        if (const json* v = r.member(qj, qpath, "scale", true)) {
          auto it = v->is_string() ? scales.find(v->get<std::string>()) : scales.end();
          if (it == scales.end()) {
            r.problem(qpath + "/scale", "names no scale under /scales");
          } else if (it->second.size() != want) {
            r.problem(qpath + "/scale", "a " + std::string(type == QuestionType::kScale4 ? "scale4" : "yesno") +
                                            " question needs a scale of exactly " +
                                            std::to_string(want) + " options");
          } else {
            question.options = it->second;
          }
        }
      } else if (type == QuestionType::kChoice) {
        if (const json* v = r.member(qj, qpath, "options", true)) {
          question.options = r.options(*v, qpath + "/options", q.languages);
        }
      } else if (type == QuestionType::kText) {
        if (const json* v = r.member(qj, qpath, "max_length", false)) {
          if (v->is_number_integer() && v->get<std::int64_t>() > 0 &&
              v->get<std::int64_t>() <= 10000) {
            question.max_length = v->get<std::size_t>();
          } else {
            r.problem(qpath + "/max_length", "must be a whole number from 1 to 10000");
          }
        }
      }
      if (const json* v = r.member(qj, qpath, "show_if", false)) {
        Condition c{r.id(*v, qpath + "/show_if", "question"), {}};
        if (const json* e = r.member(*v, qpath + "/show_if", "equals", true); e && e->is_string()) {
          c.equals = e->get<std::string>();
        }
        auto it = earlier.find(c.question);
        if (!c.question.empty() && it == earlier.end()) {
          r.problem(qpath + "/show_if/question",
                    "names '" + c.question + "', which is not an earlier question");
        } else if (it != earlier.end()) {
          bool known = false;
          for (const auto& value : it->second) known = known || value == c.equals;
          if (!known) {
            r.problem(qpath + "/show_if/equals",
                      "'" + c.equals + "' is not an option of '" + c.question + "'");
          }
        }
        question.show_if = c;
      }
      if (!question.id.empty()) {
        for (const auto& seen : question_ids) {
          if (seen == question.id) {
            r.problem(qpath + "/id", "duplicate question id '" + question.id + "'");
            break;
          }
        }
        question_ids.push_back(question.id);
        auto& values = earlier[question.id];
        for (const auto& o : question.options) values.push_back(o.value);
      }
      theme.questions.push_back(std::move(question));
    }
    q.themes.push_back(std::move(theme));
  }
  if (problems.empty()) result.questionnaire = std::move(q);
  return result;
}

std::shared_ptr<const Questionnaire> stored_questionnaire(const std::string& id, std::int64_t version,
                                                          const std::string& json_text) {
  struct Entry {
    std::string text;
    std::shared_ptr<const Questionnaire> parsed;
  };
  static std::mutex mu;
  static std::map<std::pair<std::string, std::int64_t>, Entry> cache;
  const auto key = std::make_pair(id, version);
  {
    std::lock_guard lock(mu);
    auto it = cache.find(key);
    if (it != cache.end() && it->second.text == json_text) return it->second.parsed;
  }
  ParsedQuestionnaire parsed = parse_questionnaire(json_text);
  if (!parsed.questionnaire) return nullptr;
  auto shared = std::make_shared<const Questionnaire>(std::move(*parsed.questionnaire));
  std::lock_guard lock(mu);
  cache[key] = Entry{json_text, shared};
  return shared;
}

}  // namespace tilfreds::intake::survey
