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
std::vector<MethodItem> method_note(const std::vector<WaveData>& waves, const ReportRequest& request,
                                    const ReportTexts& texts, const MethodFacts& facts);

}  // namespace tilfreds::intake::reports
