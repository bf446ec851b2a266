// The figures of case review (ledelsestilsyn, issue 15): how many cases to draw
// for a stated precision on the error share, what a review that found no errors
// proves, the traffic light on the share of correct cases, the relative change
// in errors between two reviews, and the rule that splits an error into new or
// old. Counts and calendar days in, numbers out, like the rest of stats/.
//
// Outcomes: a value; std::nullopt where the figure is not computable (no cases,
// no errors the time before); std::invalid_argument for invalid input.
#pragma once

#include <cstdint>
#include <optional>

#include "stats/indicator.h"

namespace tilfreds::stats {

// ---- Sample size and what zero errors prove ------------------------------------

// Returns the smallest n whose normal-approximation interval on the error share
// has half-width at most `margin` at `level`, when the share is about
// `expected_share` (0.5 when unknown: the largest n): n0 = z²·p(1-p)/margin²,
// and with a finite population N the corrected n0 / (1 + (n0 - 1)/N)
// (Cochran 1977, eq. 4.1-4.2), rounded up and never above N.
// Throws std::invalid_argument when margin is not in (0, 1), level not in
// (0, 1), expected_share not in (0, 1), or population < 1.
std::int64_t sample_size_for_margin(double margin, std::optional<std::int64_t> population,
                                    double level = 0.95, double expected_share = 0.5);

struct ZeroErrorBound {
  double share = 0.0;  // the error share is below this at `level` (one-sided)
  // With a finite population: the largest number of erroneous cases among the N
  // that is still consistent with finding none in the n drawn.
  std::optional<std::int64_t> errors_in_population;
};

// Returns the exact one-sided upper confidence bound on the error share when n
// cases were checked and none had an error. Without a population: Clopper-
// Pearson, 1 - (1 - level)^(1/n). With a finite population N (cases drawn
// without replacement): the largest D with P(X = 0 | N, D, n) > 1 - level under
// the hypergeometric distribution (Buonaccorsi 1987; Wendell & Schmee 2001),
// reported as D/N; a census (n = N) proves D = 0.
// Throws std::invalid_argument when n < 1, population < n, or level not in (0, 1).
ZeroErrorBound zero_error_upper_bound(std::int64_t n, std::optional<std::int64_t> population,
                                      double level = 0.95);

// ---- Lights and changes -----------------------------------------------------------

// Returns the light of `correct` of `cases` on the unrounded share: green when
// 100·correct >= green_from·cases, yellow when >= yellow_from·cases, red below,
// in integer arithmetic. Case review publishes bands "95–100 %, 75–94 %", so a
// share of 94.9 % is yellow even though it prints as 95 % (unlike
// traffic_light, which judges the printed whole percent).
// Returns std::nullopt when cases = 0.
// Throws std::invalid_argument when correct < 0, correct > cases, or the
// thresholds are not 0 <= yellow_from <= green_from <= 100.
std::optional<Light> review_light(std::int64_t correct, std::int64_t cases,
                                  const LightThresholds& thresholds = {});

// Returns (after - before) / before: -0.47 for "a fall of 47 %".
// Returns std::nullopt when before = 0 (no base to fall from).
// Throws std::invalid_argument when a count is negative.
std::optional<double> relative_change(std::int64_t before, std::int64_t after);

// ---- New or old errors ------------------------------------------------------------

struct CivilDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
};

enum class ErrorAge { kNew, kOld };

// Returns the day twelve months before `d`; 29 February goes to 28 February.
CivilDate twelve_months_before(const CivilDate& d);

// Returns whether an error is new or old at a review on `review`: new when the
// act was made on or after the day twelve months before the review (within the
// last 12 months), or when the error is still being reproduced (a yearly
// follow-up not done since 2020 keeps the error new); old otherwise (made more
// than 12 months before, as the Lejre quarterly status defines it).
// Throws std::invalid_argument when `act` is after `review` or a date is not a
// calendar date.
ErrorAge error_age(const CivilDate& act, const CivilDate& review, bool reproduced);

}  // namespace tilfreds::stats
