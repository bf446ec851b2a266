// Confidence intervals for one share k/n ("how many of the n respondents chose
// this answer"), the number behind every percentage a committee reads.
//
// All functions take counts, never raw answers, so their cost is independent of
// how many responses stand behind the counts. They are exact at the edges that
// published tables hit: k = 0, k = n, n = 1, and n in the millions.
//
// Outcomes: a value; std::nullopt when the share is not computable (n = 0: no
// respondents); std::invalid_argument for invalid input (negative counts,
// k > n, level outside (0, 1), population smaller than n).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tilfreds::stats {

// ---- Methods ---------------------------------------------------------------

enum class IntervalMethod {
  kWilson,          // default: good coverage at every n, never outside [0, 1]
  kClopperPearson,  // "exact": guaranteed coverage, conservative
  kJeffreys,        // equal-tailed Bayesian interval, Beta(1/2, 1/2) prior
  kAgrestiCoull,    // "add z^2/2 successes and failures", Wald-like
};

// The CLI spelling: "wilson", "clopper-pearson", "jeffreys", "agresti-coull".
std::string_view method_name(IntervalMethod method);

// Parses a CLI spelling (see method_name). Returns std::nullopt when the name is
// not one of the four.
std::optional<IntervalMethod> parse_method(std::string_view name);

// ---- Results ---------------------------------------------------------------

struct Interval {
  double estimate = 0.0;  // k / n
  double lower = 0.0;     // 0 <= lower <= estimate
  double upper = 0.0;     // estimate <= upper <= 1
};

struct ShareOptions {
  double level = 0.95;
  IntervalMethod method = IntervalMethod::kWilson;
  // Size of the finite population the n respondents were drawn from (e.g. the
  // 2,415 eligible invited when 531 answered). When set, the interval is
  // narrowed by the finite population correction; see share_interval.
  std::optional<std::int64_t> population;
};

struct ShareInterval {
  Interval interval;
  bool fpc_applied = false;  // true iff options.population was set
  // The sample size the interval was computed at: n, or n·(N-1)/(N-n) under the
  // FPC (infinite when n = N).
  double effective_n = 0.0;
};

// ---- Functions ---------------------------------------------------------------

// Returns the interval for the share k/n at `level` by `method`, without a
// finite population correction.
// Returns std::nullopt when n == 0.
// Throws std::invalid_argument when k < 0, n < 0, k > n or level is not in (0,1).
// At k = 0 the lower limit is exactly 0 and at k = n the upper limit exactly 1,
// for every method.
std::optional<Interval> proportion_interval(std::int64_t k, std::int64_t n, double level = 0.95,
                                            IntervalMethod method = IntervalMethod::kWilson);

// As proportion_interval, on a possibly fractional "effective" count k (0 <= k
// <= n, n > 0), as the finite population correction needs (and as a design
// effect on any share would). Throws std::invalid_argument when n <= 0, k outside [0, n], k or n not
// finite, or level outside (0, 1).
Interval proportion_interval_effective(double k, double n, double level, IntervalMethod method);

// Returns the interval for k/n with the options above. With options.population
// = N the interval is computed at the effective sample size
// n_eff = n·(N-1)/(N-n) (the design effect of sampling without replacement,
// Cochran 1977 §2.6) and effective count k·n_eff/n, the approach of Korn &
// Graubard (1998); when n = N the share is known exactly and the interval
// collapses to the estimate.
// Returns std::nullopt when n == 0.
// Throws std::invalid_argument as proportion_interval, and when population < n
// or population < 1.
std::optional<ShareInterval> share_interval(std::int64_t k, std::int64_t n,
                                            const ShareOptions& options = {});

// The multiplier sqrt((N-n)/(N-1)) that the FPC applies to a standard error.
// Returns 0 when n == N (a census has no sampling error).
// Throws std::invalid_argument when n < 0, N < 1 or n > N.
double fpc_factor(std::int64_t n, std::int64_t population);

}  // namespace tilfreds::stats
