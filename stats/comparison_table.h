// The comparison table a committee report prints for one question: waves as
// rows, answer categories as columns, whole percents in the cells, n per row,
// the top-2 share with its interval, and a mark on each cell saying whether it
// changed from the previous wave by more than noise, after controlling the false
// alarms over all the comparisons the report makes.
//
//             I høj grad   I nogen grad   I mindre grad   Slet ikke   n    top-2
//     2023    53 %         28 %           12 %            7 %         512  81 % (77–84)
//     2024    52 %         28 %           12 %            8 % ▲       531  80 % (76–83)
//
// Pure: counts in, plain structs out; the templates decide how marks look.
//
// Outcomes: std::invalid_argument for malformed input (shape mismatches,
// negative counts, bad options); every number that cannot be computed (n = 0,
// hidden by disclosure control) is std::nullopt, never NaN.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "stats/contingency.h"
#include "stats/ordinal.h"
#include "stats/proportion.h"
#include "stats/suppression.h"
#include "stats/two_proportions.h"
#include "stats/verdict.h"

namespace tilfreds::stats {

// ---- Input -----------------------------------------------------------------

struct QuestionCounts {
  std::string question;                 // id or text, carried through untouched
  std::vector<std::string> categories;  // questionnaire order, best first
  std::vector<std::string> waves;       // oldest first
  CountTable counts;                    // waves × categories
  // The first `top` categories form the top share (2: "i nogen eller høj
  // grad"); 0 for no top share (yes/no items, choice items).
  std::size_t top = 2;
};

// Disclosure marks decided beforehand over the whole set of tables published
// together (stats/linked_suppression.h), one row per wave of a question; when
// given they replace the table's own suppression, so every report hides the same
// cells.
struct PresetMarks {
  std::vector<std::vector<CellStatus>> cells;  // waves × categories
  std::vector<bool> n_hidden;                  // per wave
  std::vector<bool> top_hidden;                // per wave
};

enum class Adjustment {
  kNone,               // raw p-values decide the marks
  kBenjaminiHochberg,  // false discovery rate over the family (default)
};

// "none", "benjamini-hochberg".
std::string_view adjustment_name(Adjustment adjustment);

struct ComparisonOptions {
  double level = 0.95;  // of every interval and of the verdicts (alpha = 1 - level)
  IntervalMethod method = IntervalMethod::kWilson;  // for the top share's interval
  int decimals = 0;                                 // of the printed percents
  Adjustment adjustment = Adjustment::kBenjaminiHochberg;
  HomogeneityOptions homogeneity;
  // Disclosure control on each table (rows = waves, n per row printed, no
  // column totals). Turn off for tables of counts that are public anyway.
  bool suppress = true;
  std::int64_t suppression_threshold = kDefaultSuppressionThreshold;
  std::int64_t representative_minimum = kDefaultRepresentativeMinimum;
};

// ---- Output ----------------------------------------------------------------

struct Change {
  std::string from;                           // previous wave
  std::string to;                             // this wave
  ProportionChange test;                      // difference (to - from), Newcombe interval, raw p
  double p_adjusted = 1.0;                    // after ComparisonOptions::adjustment over the family
  Verdict verdict = Verdict::kNoClearChange;  // decided on p_adjusted
};

struct Cell {
  std::int64_t count = 0;
  std::optional<double> percent;  // nullopt: n = 0, or hidden
  CellStatus status = CellStatus::kPublished;
  // Versus the previous wave; nullopt for the first wave, when either wave has
  // n = 0, or when either cell is hidden (a difference would reveal it).
  std::optional<Change> change;
};

struct TopShare {
  std::int64_t count = 0;
  std::optional<Interval> interval;  // nullopt when n = 0 or hidden
  std::optional<double> percent;
  bool hidden = false;  // hidden cells lie both inside and outside the top
  std::optional<Change> change;
};

struct Row {
  std::string wave;
  std::int64_t n = 0;
  bool hidden = false;              // the whole wave is below the threshold
  bool not_representative = false;  // n < representative_minimum
  std::vector<Cell> cells;
  std::optional<TopShare> top;  // nullopt when QuestionCounts::top == 0
};

enum class OrdinalMethod { kMannWhitney, kKruskalWallis };

// "mann-whitney", "kruskal-wallis".
std::string_view ordinal_method_name(OrdinalMethod method);

struct OrdinalTest {
  OrdinalMethod method = OrdinalMethod::kMannWhitney;
  double statistic = 0.0;  // U of the later wave, or H
  double p = 1.0;
  // Mann–Whitney only: P(later answer further down the scale) + 1/2 P(tie).
  std::optional<double> superiority;
};

struct ComparisonTable {
  std::string question;
  std::vector<std::string> categories;
  std::vector<Row> rows;
  // Did the distribution move at all across the waves? (all waves, raw p)
  std::optional<HomogeneityResult> chi_square;
  // Mann–Whitney when exactly two waves have answers, Kruskal–Wallis for more.
  std::optional<OrdinalTest> ordinal;
  // Three or more waves with answers: linear-by-linear trend of the scale
  // position over the waves, and Cochran–Armitage trend of the top share.
  std::optional<TrendResult> trend;
  std::optional<TrendResult> top_trend;
};

// ---- Functions ---------------------------------------------------------------

// Returns the table for one question, the family for the multiple-comparison
// adjustment being this table's changes.
// Throws std::invalid_argument when categories or waves do not match the shape
// of counts, a count is negative, there are no waves or fewer than 2 categories,
// top exceeds the number of categories, or an option is out of range.
ComparisonTable build_comparison_table(const QuestionCounts& question,
                                       const ComparisonOptions& options = {});

// Returns one table per question, the family for the adjustment being every
// change in every table: the whole report, so "fewer than 5 % of the marks are
// false alarms" holds for what the committee reads (Benjamini & Hochberg 1995).
// Throws as build_comparison_table.
std::vector<ComparisonTable> build_comparison_tables(std::span<const QuestionCounts> questions,
                                                     const ComparisonOptions& options = {});
// The same with preset disclosure marks, one per question (ComparisonOptions::
// suppress still decides whether any are applied).
// Throws as above, and std::invalid_argument when the marks' shapes differ.
std::vector<ComparisonTable> build_comparison_tables(std::span<const QuestionCounts> questions,
                                                     const ComparisonOptions& options,
                                                     std::span<const PresetMarks> marks);

// Applies the adjustment to every change in the tables, as one family, and
// re-decides their verdicts. Exposed so that a caller that builds tables
// separately (e.g. per benefit group) can still adjust over the whole report.
// Throws std::invalid_argument when level is outside (0, 1).
void adjust_changes(std::span<ComparisonTable> tables, Adjustment adjustment, double level);

}  // namespace tilfreds::stats
