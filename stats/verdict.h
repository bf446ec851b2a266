// The plain answer a report prints beside a change: higher, lower, or no clear
// change. One rule for every test in stats/, so a mark in a table always means
// the same thing.
#pragma once

#include <string_view>

namespace tilfreds::stats {

enum class Verdict {
  kHigher,         // the later wave is higher, beyond noise at the chosen level
  kLower,          // the later wave is lower, beyond noise at the chosen level
  kNoClearChange,  // the data are compatible with no change
};

// "higher", "lower", "no clear change" (the CLI and JSON spelling).
std::string_view verdict_name(Verdict verdict);

// Returns kHigher / kLower when p < alpha = 1 - level (strictly; p = 0.05 at
// level 0.95 is not below) and the direction is positive /
// negative, and kNoClearChange otherwise (including direction == 0). Pass the
// p-value *after* multiple-comparison adjustment when the report makes many
// comparisons, so a mark means "survived the false-alarm control".
// Throws std::invalid_argument when level is outside (0, 1) or p is outside
// [0, 1] or NaN.
Verdict decide(double p, double direction, double level = 0.95);

}  // namespace tilfreds::stats
