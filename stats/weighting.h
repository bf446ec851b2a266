// Non-response weighting of a share by post-stratification: if sick-pay
// recipients answer more often than kontanthjælp recipients, the raw share
// over-represents them; weighting each group's share by its size in the invited
// (eligible) population removes that imbalance as far as the groups explain it.
//
// Outcomes: a value; std::nullopt when not computable; std::invalid_argument
// for invalid input.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "stats/proportion.h"

namespace tilfreds::stats {

struct Stratum {
  std::int64_t population = 0;   // N_h: eligible invited in the group
  std::int64_t respondents = 0;  // n_h: answered the question
  std::int64_t k = 0;            // answered in the category of interest
};

struct WeightedShare {
  double estimate = 0.0;    // sum_h W_h · k_h/n_h, W_h = N_h / N
  double unweighted = 0.0;  // sum_h k_h / sum_h n_h, for showing side by side
  std::int64_t n = 0;       // sum_h n_h
  // Standard error; std::nullopt when a group with population > 1 has a single
  // respondent (its within-group variance cannot be estimated).
  std::optional<double> se;
  // estimate ± z·se clipped to [0, 1] (Wald on the post-stratified variance);
  // std::nullopt exactly when se is.
  std::optional<Interval> interval;
};

// Returns the post-stratified share (Holt & Smith 1979; Lohr 2010 §4.4,
// Cochran 1977 §5A.9) with the variance of the stratified estimator given the
// realised group sizes, with within-group finite population correction:
//   V = sum_h W_h^2 (1 - n_h/N_h) s_h^2 / n_h,  s_h^2 = n_h p_h (1 - p_h)/(n_h - 1).
// Groups with population 0 get weight 0 and are skipped.
// Returns std::nullopt when no group has population > 0, or when a group with
// population > 0 has no respondents (its share is unknown: collapse it with a
// neighbouring group first).
// Throws std::invalid_argument when strata is empty, a count is negative,
// k > respondents, respondents > population, or level is outside (0, 1).
std::optional<WeightedShare> post_stratified_share(std::span<const Stratum> strata,
                                                   double level = 0.95);

}  // namespace tilfreds::stats
