// The answer distribution of one question in one wave: n, the share per answer
// category, the top-2 share ("i nogen eller høj grad"), the bottom share
// ("slet ikke"), the percentages as printed, and simultaneous intervals for the
// whole distribution.
//
// Categories are in questionnaire order, best first (I høj grad, I nogen grad,
// I mindre grad, Slet ikke), so "top" means the first categories and "bottom"
// the last.
//
// Outcomes: a value; std::nullopt when n = 0; std::invalid_argument for an
// empty or negative count vector, or a level outside (0, 1).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "stats/proportion.h"

namespace tilfreds::stats {

struct Distribution {
  std::int64_t n = 0;          // sum of the counts
  std::vector<double> shares;  // counts[i] / n, same order as the counts
};

// Returns n and the share of each category.
// Returns std::nullopt when every count is 0.
// Throws std::invalid_argument when counts is empty or has a negative entry.
std::optional<Distribution> distribution(std::span<const std::int64_t> counts);

// Returns the count in the first `top` categories (the top-2 count with top = 2).
// Throws std::invalid_argument when counts is invalid (as above) or top is 0 or
// larger than the number of categories.
std::int64_t top_count(std::span<const std::int64_t> counts, std::size_t top = 2);

// Returns the top-`top` share with its interval (e.g. top-2 with Wilson 95 %).
// Returns std::nullopt when n = 0. Throws as top_count and proportion_interval.
std::optional<Interval> top_share(std::span<const std::int64_t> counts, std::size_t top = 2,
                                  double level = 0.95,
                                  IntervalMethod method = IntervalMethod::kWilson);

// Returns the share of the last category ("slet ikke") with its interval.
// Returns std::nullopt when n = 0. Throws as distribution and proportion_interval.
std::optional<Interval> bottom_share(std::span<const std::int64_t> counts, double level = 0.95,
                                     IntervalMethod method = IntervalMethod::kWilson);

// ---- Percentages as printed --------------------------------------------------

// Returns 100·k/n rounded half up to `decimals` places (0 → whole percent, the
// default of committee tables; 1 → one decimal), computed in integer arithmetic
// so 12.5 % becomes 13 % and 0.145 becomes 14.5 % exactly, with no binary
// floating-point surprise. Rows are never forced to sum to 100: each cell is
// rounded on its own, as published tables do (2022 in DOMAIN.md sums to 99).
// Returns std::nullopt when n = 0.
// Throws std::invalid_argument when k < 0, n < 0, k > n, or decimals is not 0
// or 1.
std::optional<double> percent_half_up(std::int64_t k, std::int64_t n, int decimals = 0);

// Returns 100·share rounded half up to `decimals` places, for shares that are not
// a ratio of counts (weighted shares). A relative tolerance of 1e-9 treats a
// share that is a half within floating-point noise as a half.
// Throws std::invalid_argument when share is not in [0, 1] or decimals not 0/1.
double round_percent_half_up(double share, int decimals = 0);

// Returns `value` rounded half away from zero to `decimals` places (0..6): the
// one rounding every printed figure goes through, in every format, so 31.25 is
// 31.3 in HTML, CSV, XLSX, JSON and PDF alike (printf would give 31.2: it rounds
// the binary value half to even). Decimal-exact for values with up to 9
// significant digits: a relative tolerance of 1e-9 treats a value within
// floating-point noise of a half as the half it stands for (0.145·100 is
// 14.499999999999998 in binary).
// Throws std::invalid_argument when value is not finite or decimals is outside 0..6.
double round_half_up(double value, int decimals);

// Returns percent_half_up for every category of counts (nullopt when n = 0).
// Throws as percent_half_up and distribution.
std::optional<std::vector<double>> percents_half_up(std::span<const std::int64_t> counts,
                                                    int decimals = 0);

// ---- Simultaneous intervals ------------------------------------------------------

// Returns one interval per category such that all of them cover their true
// shares at once with probability about `level`: Goodman (1965), with the
// chi-square(1) quantile at 1 - (1 - level)/K (a Bonferroni split over the K
// categories), as statsmodels' multinomial_proportions_confint(method="goodman").
// Use these when a reader compares categories of one distribution with each other.
// Returns std::nullopt when n = 0.
// Throws std::invalid_argument when counts has fewer than 2 categories, a
// negative entry, or level outside (0, 1).
std::optional<std::vector<Interval>> goodman_intervals(std::span<const std::int64_t> counts,
                                                       double level = 0.95);

}  // namespace tilfreds::stats
