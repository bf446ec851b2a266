// What a report reads about each wave it covers, gathered once: the wave, its
// questionnaire version, its response-rate denominators and the answer counts of
// the respondents the report is about (everybody, or one group).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "db/database.h"
#include "intake/reports/report_request.h"
#include "intake/survey/questionnaire.h"
#include "intake/survey/wave_totals.h"

namespace tilfreds::intake::reports {

struct WaveData {
  db::WaveRow wave;
  survey::Questionnaire questionnaire;
  survey::WaveTotals totals;
  std::int64_t respondents = 0;  // in the request's group, or all
  bool of_group = false;         // the request names a group
  // question id → answer value → respondents, in the request's group, or all
  std::map<std::string, std::map<std::string, std::int64_t>> counts;
};

// Whether a wave's figures are hidden: fewer respondents than `threshold` — and, for
// one group, none at all too. A group nobody belongs to then reads exactly like a
// group of one, so a report cannot tell whether a named person took part (issue 10 §4).
bool too_few(const WaveData& w, std::int64_t threshold);

// Returns one WaveData per wave of the request, in its order. Reads counts only,
// never responses. Throws db::Error on a database fault.
std::vector<WaveData> load_waves(db::Database& db, const ReportRequest& request);

}  // namespace tilfreds::intake::reports
