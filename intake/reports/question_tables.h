// One table per tabulated question across the waves of a report, the shape the
// committee reads (DOMAIN.md "What the committee sees"): waves as rows, answer
// categories as columns, whole percents, n, the top-2 share with its interval,
// and a mark on each change from the previous wave that survives the false-alarm
// control over the whole report. Shared by the comparison, total and group reports.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "intake/reports/document.h"
#include "intake/reports/report_texts.h"
#include "intake/reports/wave_data.h"
#include "stats/comparison_table.h"

namespace tilfreds::intake::reports {

struct QuestionResult {
  std::string question_id;
  std::string theme;                    // the theme's title in the report's language
  std::vector<std::string> categories;  // labels in the report's language
  bool has_top = false;                 // scale questions: the first two categories
  stats::ComparisonTable stats;         // rows only for the waves that asked the question
  std::vector<std::optional<std::size_t>> row_of_wave;  // per wave: its stats row, or not asked
  Table table;
};

struct QuestionTables {
  std::vector<QuestionResult> questions;  // the newest questionnaire's order, then older ones
  std::vector<MethodItem> warnings;       // waves not comparable: text, scale, missing question
  std::size_t comparisons = 0;            // tested changes: the Benjamini–Hochberg family
  stats::ComparisonOptions options;
};

// Returns the tables of every scale, yes/no and choice question asked in any of
// `waves` (text questions are not tabulated). A question not asked in a wave gives
// that wave a row of CellKind::kMissing; counts of a category the newest version
// does not have are left out and warned about. Cells that disclosure control
// hides (stats::suppress) are CellKind::kHidden.
QuestionTables build_question_tables(const std::vector<WaveData>& waves, const ReportTexts& texts);

}  // namespace tilfreds::intake::reports
