// The median of a small set of values (e.g. handling times in days of the
// complaints decided in a half-year): the middle value, or the mean of the two
// middle values for an even count — numpy.median's and R's median()'s definition
// (Hyndman & Fan 1996 type 7 at p = 0.5).
#pragma once

#include <optional>
#include <vector>

namespace tilfreds::stats {

// Returns the median of `values` (taken by value: it is partially sorted).
// Returns std::nullopt when `values` is empty: no median, not 0.
// Throws std::invalid_argument when a value is NaN or infinite.
std::optional<double> median(std::vector<double> values);

}  // namespace tilfreds::stats
