// Input checks shared by the statistics functions.
//
// Every public function in stats/ validates its arguments before any arithmetic
// or any call into Boost.Math (which reports bad input with std::domain_error
// under the default policy). Invalid input is a caller bug or a corrupt import,
// so it is an exception with a message naming the argument; "not computable"
// (e.g. n = 0) is not an error and is returned as std::nullopt instead.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tilfreds::stats {

// Throws std::invalid_argument("<what> must not be negative (got <value>)")
// when value < 0.
void check_count(std::int64_t value, const char* what);

// Throws std::invalid_argument when k < 0, n < 0 or k > n.
void check_part_of(std::int64_t k, std::int64_t n, const char* k_name = "k",
                   const char* n_name = "n");

// Throws std::invalid_argument unless 0 < level < 1 (a confidence level such as
// 0.95, or a significance level such as 0.05). NaN is refused.
void check_level(double level, const char* what = "level");

// Throws std::invalid_argument when counts is empty or holds a negative value.
void check_counts(std::span<const std::int64_t> counts, const char* what);

// Throws std::invalid_argument when the table has no rows, rows of different or
// zero width, or a negative cell.
void check_table(const std::vector<std::vector<std::int64_t>>& table, const char* what = "table");

// The two-sided standard normal critical value z_{1-(1-level)/2}; level is
// checked with check_level.
double z_critical(double level);

}  // namespace tilfreds::stats
