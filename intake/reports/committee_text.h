// The committee's own sentences (issue 13 §2), as the Lejre appendices write them:
//   "85 % er i nogen eller høj grad tilfredse med samarbejdet med
//    jobcentermedarbejderen, heraf er 62 % i høj grad tilfredse."
// plus "Dog svarer 30 % »Slet ikke«." when the bottom category is large, and last
// year's figure only when the change is more than noise — the words ("højere",
// "lidt højere", "på niveau med") follow the test and its interval, never the raw
// difference. The response paragraph and the respondent mix come from the same
// figures the tables print, so every sentence names the table it can be checked in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "intake/reports/document.h"
#include "intake/reports/question_tables.h"
#include "intake/reports/report_request.h"
#include "intake/reports/report_texts.h"
#include "intake/reports/wave_data.h"

namespace tilfreds::intake::reports {

// A bottom category at or above this share (percent) earns its "Dog …" sentence.
inline constexpr double kLargeBottomPercent = 20.0;
// A significant change whose interval reaches this far (points) is "højere", else "lidt højere".
inline constexpr double kClearChangePoints = 5.0;

struct Sentence {
  std::string text;
  std::string source;  // the caption of the table the figures are in
};

// The headline sentences of one scale question in the newest wave: none when its
// top share is hidden or nobody answered. Uses the question's `summary` phrase,
// else the general headline text.
std::vector<Sentence> question_sentences(const QuestionResult& q, const std::vector<WaveData>& waves,
                                         const ReportTexts& texts, std::int64_t threshold);

// "Ud af de 2.415 borgere, der fik tilsendt spørgeskemaet, har 531 borgere besvaret
// det, hvilket giver en svarprocent på 22 %. …": the newest wave, the one before,
// and the known ineligible part. nullopt when the newest wave's counts are hidden.
std::optional<Sentence> response_sentence(const std::vector<WaveData>& waves, const ReportTexts& texts,
                                          std::int64_t threshold);

// "Flest besvarelser kommer fra borgere på sygedagpenge eller dagpenge,
// henholdsvis 36 % og 23 %. De øvrige grupper har få besvarelser …": the newest
// wave's two largest benefit groups, and the not-representative warning.
// nullopt without group counts.
std::optional<Sentence> mix_sentence(const std::vector<WaveData>& waves, const ReportTexts& texts,
                                     std::int64_t threshold);

// The draft of the committee case's results section: participation, respondent
// mix, a headline per question, and the marked changes of the comparison, each
// sentence with its table. `tilfreds report committee`, and /rapporter.
Document committee_report(const std::vector<WaveData>& waves, const ReportRequest& request,
                          const ReportTexts& texts);

// The document as plain text for the agenda system: headings, paragraphs, each
// sentence's table in brackets; no tables.
std::string render_text(const Document& document, const ReportTexts& texts);

}  // namespace tilfreds::intake::reports
