// The questionnaire model: a versioned JSON document with stable question ids,
// themes shown as pages, typed questions and per-language texts. Parsed once at
// the edge (import, or loading a wave's stored version) into these types.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "intake/problem.h"

namespace tilfreds::intake::survey {

// Texts per language code; "da" is always present after validation.
using Text = std::map<std::string, std::string>;

// The text in `lang`, falling back to Danish.
const std::string& text_in(const Text& text, const std::string& lang);

enum class QuestionType {
  kScale4,  // the jobcentre grade scale: four ordered steps, no middle, no "don't know"
  kChoice,  // one of the question's own options
  kYesNo,   // one of two options (the questionnaire's yes/no scale)
  kText,    // free text, published only as an edited summary
};

struct Option {
  std::string value;  // stable id stored in answers and counts
  Text label;
};

struct Condition {
  std::string question;  // an earlier question's id
  std::string equals;    // the option value that makes this question visible
};

struct Question {
  std::string id;
  QuestionType type = QuestionType::kScale4;
  Text text;
  Text help;
  // The committee's phrase for the headline, completing "85 % er i nogen eller høj
  // grad …" ("tilfredse med samarbejdet med jobcentermedarbejderen"); optional.
  Text summary;
  bool required = false;
  std::vector<Option> options;  // resolved: the scale's for scale4/yesno
  std::optional<Condition> show_if;
  std::size_t max_length = 2000;  // for kText
};

struct Theme {
  std::string id;
  Text title;
  std::vector<Question> questions;
};

struct Group {
  std::string id;
  Text label;
};

struct Questionnaire {
  std::string id;
  std::int64_t version = 0;
  Text title;
  Text intro;
  std::vector<std::string> languages;  // "da" first
  std::vector<Group> groups;           // benefit groups a frame may use
  std::vector<Theme> themes;

  // The question with this id, or nullptr.
  const Question* find(const std::string& question_id) const;
  // The theme index (0-based) holding the question, or nullopt.
  std::optional<std::size_t> theme_of(const std::string& question_id) const;
  bool has_group(const std::string& group_id) const;
  // The id of the group named `id_or_label`: its id exactly, or one of its labels
  // in any case and with spaces around ("Kontanthjælp", "kontanthjælp "); nullopt
  // if none matches.
  std::optional<std::string> group_id(const std::string& id_or_label) const;
};

struct ParsedQuestionnaire {
  std::optional<Questionnaire> questionnaire;  // set only when problems is empty
  Problems problems;                           // every problem, each with its JSON path
};

// Parses and validates questionnaire JSON text. Reports every problem found (not
// just the first) with its JSON path, e.g. "/themes/2/questions/1/show_if/question".
ParsedQuestionnaire parse_questionnaire(const std::string& json_text);

// The questionnaire of a stored definition, parsed and validated once per process:
// a stored (id, version) never changes, so every page and report after the first
// gets the same shared, immutable value. The text is compared on every call, so a
// second database holding other text under the same id and version (tests do) is
// parsed afresh, never confused. nullptr when the text does not parse.
std::shared_ptr<const Questionnaire> stored_questionnaire(const std::string& id, std::int64_t version,
                                                          const std::string& json_text);

}  // namespace tilfreds::intake::survey
