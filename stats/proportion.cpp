#include "stats/proportion.h"

#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "stats/checks.h"

namespace tilfreds::stats {
namespace {

// Wilson (1927); Brown, Cai & DasGupta (2001), eq. (4). The score interval
// inverts the score test, so its centre is pulled towards 1/2 and it never leaves
// [0, 1]; it is the default because its coverage is close to nominal for every n.
Interval wilson(double k, double n, double z) {
  const double p = k / n;
  const double z2 = z * z;
  const double denom = 1.0 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / denom;
  const double half = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom;
  return {p, centre - half, centre + half};
}

// Clopper & Pearson (1934): the limits are beta quantiles (the binomial tail
// identity), so they are exact for every n and need no search.
Interval clopper_pearson(double k, double n, double alpha) {
  const double p = k / n;
  const double lower = k > 0.0 ? boost::math::ibeta_inv(k, n - k + 1.0, alpha / 2.0) : 0.0;
  const double upper = k < n ? boost::math::ibeta_inv(k + 1.0, n - k, 1.0 - alpha / 2.0) : 1.0;
  return {p, lower, upper};
}

// Jeffreys: equal-tailed quantiles of Beta(k + 1/2, n - k + 1/2); Brown, Cai &
// DasGupta (2001) §4.1.2 set the lower limit to 0 at k = 0 and the upper to 1 at
// k = n, since the posterior tail there is not evidence of a non-zero share.
Interval jeffreys(double k, double n, double alpha) {
  const double p = k / n;
  const double lower = k > 0.0 ? boost::math::ibeta_inv(k + 0.5, n - k + 0.5, alpha / 2.0) : 0.0;
  const double upper =
      k < n ? boost::math::ibeta_inv(k + 0.5, n - k + 0.5, 1.0 - alpha / 2.0) : 1.0;
  return {p, lower, upper};
}

// Agresti & Coull (1998): Wald interval around (k + z^2/2)/(n + z^2), clipped to
// [0, 1] as statsmodels and R's binom package do.
Interval agresti_coull(double k, double n, double z) {
  const double z2 = z * z;
  const double n_t = n + z2;
  const double p_t = (k + z2 / 2.0) / n_t;
  const double half = z * std::sqrt(p_t * (1.0 - p_t) / n_t);
  return {k / n, p_t - half, p_t + half};
}

}  // namespace

std::string_view method_name(IntervalMethod method) {
  switch (method) {
    case IntervalMethod::kWilson:
      return "wilson";
    case IntervalMethod::kClopperPearson:
      return "clopper-pearson";
    case IntervalMethod::kJeffreys:
      return "jeffreys";
    case IntervalMethod::kAgrestiCoull:
      return "agresti-coull";
  }
  return "wilson";
}

std::optional<IntervalMethod> parse_method(std::string_view name) {
  for (IntervalMethod m : {IntervalMethod::kWilson, IntervalMethod::kClopperPearson,
                           IntervalMethod::kJeffreys, IntervalMethod::kAgrestiCoull}) {
    if (method_name(m) == name) return m;
  }
  return std::nullopt;
}

Interval proportion_interval_effective(double k, double n, double level, IntervalMethod method) {
  check_level(level);
  if (!std::isfinite(k) || !std::isfinite(n) || !(n > 0.0) || k < 0.0 || k > n) {
    throw std::invalid_argument("effective counts must satisfy 0 <= k <= n, n > 0");
  }
  const double alpha = 1.0 - level;
  Interval r;
  switch (method) {
    case IntervalMethod::kWilson:
      r = wilson(k, n, z_critical(level));
      break;
    case IntervalMethod::kClopperPearson:
      r = clopper_pearson(k, n, alpha);
      break;
    case IntervalMethod::kJeffreys:
      r = jeffreys(k, n, alpha);
      break;
    case IntervalMethod::kAgrestiCoull:
      r = agresti_coull(k, n, z_critical(level));
      break;
  }
  // The closed forms round to a hair outside [0, 1] or past the estimate at the
  // edges; a published interval must contain its estimate.
  r.lower = std::clamp(r.lower, 0.0, r.estimate);
  r.upper = std::clamp(r.upper, r.estimate, 1.0);
  if (k == 0.0) r.lower = 0.0;
  if (k == n) r.upper = 1.0;
  return r;
}

std::optional<Interval> proportion_interval(std::int64_t k, std::int64_t n, double level,
                                            IntervalMethod method) {
  check_part_of(k, n);
  check_level(level);
  if (n == 0) return std::nullopt;
  return proportion_interval_effective(static_cast<double>(k), static_cast<double>(n), level,
                                       method);
}

double fpc_factor(std::int64_t n, std::int64_t population) {
  check_count(n, "n");
  if (population < 1) {
    throw std::invalid_argument("population must be at least 1 (got " + std::to_string(population) +
                                ")");
  }
  if (n > population) {
    throw std::invalid_argument("population must not be smaller than n (got " +
                                std::to_string(population) + " < " + std::to_string(n) + ")");
  }
  if (n == population) return 0.0;
  return std::sqrt(static_cast<double>(population - n) / static_cast<double>(population - 1));
}

std::optional<ShareInterval> share_interval(std::int64_t k, std::int64_t n,
                                            const ShareOptions& options) {
  check_part_of(k, n);
  check_level(options.level);
  if (!options.population) {
    auto r = proportion_interval(k, n, options.level, options.method);
    if (!r) return std::nullopt;
    return ShareInterval{*r, false, static_cast<double>(n)};
  }
  const double factor = fpc_factor(n, *options.population);
  if (n == 0) return std::nullopt;
  const double p = static_cast<double>(k) / static_cast<double>(n);
  if (factor == 0.0) {
    // A census: every member answered, so there is no sampling error.
    return ShareInterval{{p, p, p}, true, std::numeric_limits<double>::infinity()};
  }
  const double n_eff = static_cast<double>(n) / (factor * factor);
  Interval r = proportion_interval_effective(p * n_eff, n_eff, options.level, options.method);
  r.estimate = p;
  return ShareInterval{r, true, n_eff};
}

}  // namespace tilfreds::stats
