// Questionnaire import: any JSON text → parse_questionnaire. A questionnaire that
// passes validation must hold what the citizen pages rely on.
#include "fuzz/fuzz_input.h"
#include "intake/survey/answers.h"
#include "intake/survey/questionnaire.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tilfreds::intake::survey;
  using tilfreds::fuzz::expect;
  if (size > 256 * 1024) return 0;
  ParsedQuestionnaire parsed = parse_questionnaire(tilfreds::fuzz::as_string(data, size));
  expect(parsed.questionnaire.has_value() == parsed.problems.empty(),
         "a questionnaire is returned exactly when there are no problems");
  if (!parsed.questionnaire) return 0;
  const Questionnaire& q = *parsed.questionnaire;
  expect(!q.languages.empty() && q.languages.front() == "da", "Danish is the first language");
  expect(q.title.count("da") == 1, "a title in Danish");
  Answers all;
  for (std::size_t t = 0; t < q.themes.size(); ++t) {
    for (const auto& question : q.themes[t].questions) {
      expect(q.find(question.id) == &question, "question ids are unique");
      expect(q.theme_of(question.id) == t, "theme_of finds the question's theme");
      expect(question.text.count("da") == 1, "every question has a Danish text");
      if (question.type != QuestionType::kText) {
        expect(!question.options.empty(), "a closed question has options");
        all[question.id] = question.options.front().value;
      }
      if (question.show_if) {
        auto earlier = q.theme_of(question.show_if->question);
        expect(earlier && *earlier <= t, "a condition refers to an earlier question");
      }
    }
  }
  (void)first_incomplete_theme(q, all);
  return 0;
}
