// Disclosure control for published tables of counts: cells and groups so small
// that a reader could recognise the people behind them are hidden (primary
// suppression), and further cells are hidden so the first ones cannot be worked
// out from the row and column totals (complementary suppression). Small groups
// are also flagged "not representative", as the committee reports do.
//
// Only marks are computed here; what a hidden cell shows (".", "<5") is for the
// templates.
#pragma once

#include <cstdint>
#include <vector>

#include "stats/contingency.h"

namespace tilfreds::stats {

inline constexpr std::int64_t kDefaultSuppressionThreshold = 5;
inline constexpr std::int64_t kDefaultRepresentativeMinimum = 30;

enum class CellStatus {
  kPublished,
  kPrimary,        // below the threshold itself
  kComplementary,  // hidden so that a primary cell cannot be derived
};

struct SuppressionOptions {
  // Cells with 0 < count < threshold and groups (rows) with
  // 0 < total < threshold are hidden.
  std::int64_t threshold = kDefaultSuppressionThreshold;
  // Also hide zero cells (a 0 can itself disclose: "nobody in the group said
  // yes"). Off by default, as Danish official statistics publish zeros.
  bool suppress_zeros = false;
  // Which totals the table prints; only printed totals give a reader equations.
  bool row_totals_published = true;
  bool column_totals_published = true;
  // The grand total; with it the row totals (and the column totals) form one
  // more additive line. A comparison table of waves prints no grand total.
  bool grand_total_published = true;
};

struct SuppressionResult {
  std::vector<std::vector<CellStatus>> cells;  // same shape as the table
  std::vector<CellStatus> row_totals;          // one per row
  std::vector<CellStatus> column_totals;       // one per column
  CellStatus grand_total = CellStatus::kPublished;

  bool hidden(std::size_t row, std::size_t column) const {
    return cells[row][column] != CellStatus::kPublished;
  }
};

// Returns the suppression marks for a table of counts (rows = groups or waves,
// columns = categories).
// Primary: cells with 0 < count < threshold (and zeros when suppress_zeros);
// rows whose total is below the threshold are hidden entirely, total included.
// Complementary: the table with its printed totals is a set of additive lines
// (each row with its total, each column with its total, and the margins with
// the grand total); until no line holds exactly one hidden entry, the line with
// a single hidden entry gets a second one, chosen to hide little: first an
// entry whose crossing line already has a lone hidden entry, then an inner cell
// before a total, a non-zero before a zero, the smallest count first. This is
// the classic "no lone suppression per line" heuristic (Cox 1980; Hundepool et
// al. 2012, Statistical Disclosure Control, §5.3): it prevents the direct
// subtraction attack on which the requirement rests, though not every
// attack by linear programming on large tables.
// Throws std::invalid_argument for an invalid table (empty, ragged, negative)
// or threshold < 1.
SuppressionResult suppress(const CountTable& table, const SuppressionOptions& options = {});

// Returns true when a group's estimates should carry the "not representative"
// note: fewer than `minimum` respondents (default 30: the 95 % interval of a
// 50 % share is then about ±17 points wide, too wide to describe the group).
// Throws std::invalid_argument when respondents < 0 or minimum < 1.
bool not_representative(std::int64_t respondents,
                        std::int64_t minimum = kDefaultRepresentativeMinimum);

}  // namespace tilfreds::stats
