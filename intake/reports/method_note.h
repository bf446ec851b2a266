// The method note every report ends with, so that each number in it can be traced:
// questionnaire version(s), fielding dates, n, the response-rate definition, the
// suppression rule, rounding, the tests and levels used, imported waves, and
// warnings where the waves are not comparable.
#pragma once

#include <vector>

#include "intake/reports/document.h"
#include "intake/reports/report_request.h"
#include "intake/reports/report_texts.h"
#include "intake/reports/wave_data.h"
#include "stats/comparison_table.h"

namespace tilfreds::intake::reports {

struct MethodFacts {
  stats::ComparisonOptions options;  // level, interval method, adjustment, thresholds
  std::size_t comparisons = 0;       // tested changes in the report (the adjustment's family)
  bool tables = true;                // the report has percent tables (rounding, tests)
  std::vector<MethodItem> warnings;  // comparability, from build_question_tables
};

// Returns the note's lines in a fixed order; imported waves and comparability
// warnings carry warning = true. A wave's n below the suppression threshold is
// written as "under N", never as the number.
// "foreløbige tal: 60 af 401 har svaret indtil nu, lukker 2026-12-28" for an open
// wave (the count left out when the view's size is hidden), "" for a closed one.
// Every table row, headline and the method note of an open wave carry it.
std::string preliminary_note(const WaveData& wave, const ReportTexts& texts, std::int64_t threshold);

// The plain-language guide (Document::reading): percent, interval and marked
// change (when the report has percent tables), non-response, hidden figures.
std::vector<MethodItem> reading_guide(const ReportTexts& texts, const MethodFacts& facts);

std::vector<MethodItem> method_note(const std::vector<WaveData>& waves, const ReportRequest& request,
                                    const ReportTexts& texts, const MethodFacts& facts);

}  // namespace tilfreds::intake::reports
