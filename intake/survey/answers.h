// A citizen's answers and the rules for one page of them: which questions are
// visible, what a posted page may contain, what counts as answered.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/response_store.h"
#include "intake/survey/questionnaire.h"

namespace tilfreds::intake::survey {

// Question id → option value (or text for free-text questions).
using Answers = std::map<std::string, std::string>;
// A posted form, as parsed at the edge (names may repeat).
using FormFields = std::multimap<std::string, std::string>;

// The form field name of a question: "q_" + id.
std::string field_name(const std::string& question_id);

// Whether `q`'s condition (if any) holds for `answers`.
bool is_visible(const Question& q, const Answers& answers);

struct PageResult {
  Answers answers;  // `before` with this page's valid answers merged, hidden ones dropped
  std::map<std::string, std::string> errors;  // question id → text key ("required", …)
  std::vector<std::string> form_errors;       // text keys for the error summary
  bool revealed = false;  // a follow-up question became visible: show the page again
};

// Applies the answer fields of `fields` to page `theme` (0-based). Fields that are
// not `q_<id>` of a question on this page, or that repeat, are form errors and
// change nothing. Values outside a question's options are errors. With
// `check_required`, visible required questions without an answer are errors.
// `shown` lists the questions the citizen saw when posting (to detect a newly
// revealed follow-up question).
PageResult apply_page(const Questionnaire& questionnaire, std::size_t theme, const Answers& before,
                      const FormFields& fields, const std::set<std::string>& shown,
                      bool check_required);

// The first page (0-based theme) with a visible required question unanswered.
std::optional<std::size_t> first_incomplete_theme(const Questionnaire& questionnaire,
                                                  const Answers& answers);

// Answers as the JSON object stored in drafts and responses, and back. Unknown or
// malformed JSON gives an empty map (a draft is only ever written by us).
std::string answers_json(const Answers& answers);
Answers parse_answers(const std::string& json_text);

// The anonymous response row and its counts: every visible, answered, non-text
// question counted under "all", under the benefit group and under each background
// column. Nothing about the invitee beyond group and background goes in.
db::NewResponse build_response(const Questionnaire& questionnaire, std::int64_t wave_id,
                               const std::string& group,
                               const std::map<std::string, std::string>& background,
                               const Answers& answers);

}  // namespace tilfreds::intake::survey
