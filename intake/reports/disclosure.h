// Disclosure control across the set of reports published together (total, every
// group, the comparison): for one wave and question, the groups × categories
// table every one of those reports prints a row of, protected as a whole by
// stats::protect_linked, and the row the report at hand is about read back.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "intake/reports/wave_data.h"
#include "stats/suppression.h"

namespace tilfreds::intake::reports {

struct ViewMarks {
  std::vector<stats::CellStatus> cells;  // one per category value
  bool n_hidden = false;
  bool top_hidden = false;
};

// The marks of `w.view`'s row (the total row when the view is everybody) for the
// question `question` with answer values `categories` in that order, the first
// `top` forming the top share. A WaveData without counts_by_value is its own set.
ViewMarks view_marks(const WaveData& w, const std::string& question, const std::vector<std::string>& categories,
                     std::size_t top, std::int64_t threshold);

// Whether the view's number of respondents must not be printed (method note,
// response-rate tables): its own size is under the threshold, or it is hidden so
// that another group's cannot be worked out from the total (stats::protect_sizes).
bool respondents_hidden(const WaveData& w, std::int64_t threshold);

// Per value of the dimension (the keys of counts_by_value), whether its size is
// hidden; the rates report prints every group's row of one wave.
std::map<std::string, bool> sizes_hidden(const WaveData& w, std::int64_t threshold);

}  // namespace tilfreds::intake::reports
