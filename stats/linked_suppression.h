// Disclosure control for the SET of tables a secretary publishes together: the
// total report, a report per benefit group and the comparison across waves all
// print, for one question in one wave, rows of the same groups × categories table
// (a group report is a row, the total report is the column totals, n is a row
// total, the top-2 share a partial row sum). Suppressing each report on its own
// lets a reader subtract the group reports from the total; so the whole table is
// protected at once, and every report reads its row of the marks.
//
// The rule (τ-ARGUS's minimum-frequency rule with an audited secondary
// suppression; Hundepool et al. 2012, §5.3–5.4):
//   primary   — a count under the threshold, 0 included (a 0 or a 100 % in a small
//               group tells every member's answer), and every entry of a group
//               with fewer respondents than the threshold;
//   secondary — further entries, until no line holds a lone hidden entry and the
//               audit (stats/suppression_audit.h) finds for EVERY hidden entry a
//               feasible range at least `threshold` wide; and a row whose n is
//               hidden is hidden whole (its percents would give n away by ratio).
// Only marks come out; what a hidden entry shows is the renderers' business.
#pragma once

#include <cstdint>
#include <vector>

#include "stats/contingency.h"
#include "stats/suppression.h"

namespace tilfreds::stats {

struct LinkedTable {
  // One row per value of a background dimension, every respondent in exactly one
  // row (a "rest" row for those without a value), categories as columns.
  CountTable rows;
  // The first `top` categories form a share printed per row and for the total
  // (0: none).
  std::size_t top = 0;
  // Rows hidden whatever their counts (e.g. groups whose size is hidden).
  std::vector<bool> forced_hidden;  // empty, or one per row
  // The column totals, their top share and the grand total are printed (the
  // survey's total report). False when no table of the set prints them (the
  // complaint pages print rows only): they are then unknowns to the reader, like
  // the bottoms, and need no protection of their own.
  bool totals_published = true;
};

struct LinkedOptions {
  std::int64_t threshold = kDefaultSuppressionThreshold;
};

struct LinkedMarks {
  std::vector<std::vector<CellStatus>> cells;  // rows × categories
  std::vector<CellStatus> n;                   // per row
  std::vector<CellStatus> top;                 // per row (kPublished when top == 0)
  std::vector<CellStatus> total_cells;         // the column totals: the total report's row
  CellStatus total_n = CellStatus::kPublished;
  CellStatus total_top = CellStatus::kPublished;
};

// Returns the marks. Deterministic: the same counts give the same marks in every
// report, which is what keeps the set consistent.
// Throws std::invalid_argument for an invalid table (empty, ragged, negative),
// top > categories, forced_hidden of the wrong size or threshold < 1.
LinkedMarks protect_linked(const LinkedTable& table, const LinkedOptions& options = {});

// Returns which group sizes to hide: a size under the threshold (0 excluded: an
// empty group tells nothing about anybody's answers) and, when any is hidden,
// the smallest others until at least two are hidden and the hidden sizes sum to
// the threshold or more, so that with the total printed each hidden size can be
// anything from 0 to that sum.
// Throws std::invalid_argument when a size is negative or threshold < 1.
std::vector<bool> protect_sizes(const std::vector<std::int64_t>& sizes,
                                std::int64_t threshold = kDefaultSuppressionThreshold);

// Returns which parts of a known whole to hide: the categories of one line whose
// sum the reader has (printed, or worked out from other printed numbers, as the
// comments with a theme are all comments minus those listed without one). A part
// under the threshold, 0 included (as in every table), is hidden, then the
// smallest others until at least two are hidden and the hidden parts sum to the
// threshold or more. When the whole is under the threshold every part is hidden
// and still each could only be 0 to that small sum: then `parts_printable` is
// false and the caller prints none of them, not even as hidden.
// Throws std::invalid_argument when a part is negative or threshold < 1.
struct PartMarks {
  std::vector<bool> hidden;
  bool parts_printable = true;
};
PartMarks protect_parts(const std::vector<std::int64_t>& parts,
                        std::int64_t threshold = kDefaultSuppressionThreshold);

}  // namespace tilfreds::stats
