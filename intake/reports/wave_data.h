// What a report reads about each wave it covers, gathered once: the wave, its
// questionnaire version, its response-rate denominators and the answer counts of
// the respondents the report is about (everybody, or one group).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "intake/reports/report_request.h"
#include "intake/survey/questionnaire.h"
#include "intake/survey/wave_totals.h"

namespace tilfreds::intake::reports {

// question id → answer value → respondents
using AnswerCounts = std::map<std::string, std::map<std::string, std::int64_t>>;

struct WaveData {
  db::WaveRow wave;
  survey::Questionnaire questionnaire;
  survey::WaveTotals totals;
  std::int64_t respondents = 0;  // in the request's group, or all
  // Still collecting answers (or not yet opened): every figure is preliminary and
  // says so (issue 13: an open wave is not a year).
  bool open = false;
  // question id → answer value → respondents, in the request's group, or all
  AnswerCounts counts;
  // The set of tables a secretary can publish beside this one, for disclosure
  // control (stats/linked_suppression.h): everybody's counts and the counts of
  // every value of the report's background dimension ("group" for the total
  // report). Empty in a WaveData built by hand: the report is then its own set.
  AnswerCounts all_counts;
  std::optional<std::string> view;  // the value of `counts` in counts_by_value; nullopt: everybody
  std::map<std::string, AnswerCounts> counts_by_value;
  std::int64_t all_respondents = 0;
  std::map<std::string, std::int64_t> respondents_by_value;
};

// Returns one WaveData per wave of the request, in its order. Reads counts only,
// never responses. Throws db::Error on a database fault.
std::vector<WaveData> load_waves(db::Database& db, const ReportRequest& request);

// True when `wave` is not imported and `today` (ISO date) is not after its close.
bool wave_is_open(const db::WaveRow& wave, const std::string& today);

}  // namespace tilfreds::intake::reports
