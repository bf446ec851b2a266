#include "stats/two_proportions.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <utility>

#include "stats/checks.h"
#include "stats/hypergeometric.h"
#include "stats/proportion.h"

namespace tilfreds::stats {

std::string_view test_name(ProportionTest test) {
  return test == ProportionTest::kFisherExact ? "fisher-exact" : "z";
}

double fisher_exact_2x2(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d) {
  check_count(a, "cell");
  check_count(b, "cell");
  check_count(c, "cell");
  check_count(d, "cell");
  // The p-value is invariant to swapping rows or columns; putting the smallest
  // margins first bounds the loop below by the smallest margin.
  if (c + d < a + b) {
    std::swap(a, c);
    std::swap(b, d);
  }
  if (b + d < a + c) {
    std::swap(a, b);
    std::swap(c, d);
  }
  const std::int64_t row1 = a + b;
  const std::int64_t col1 = a + c;
  const std::int64_t n = a + b + c + d;
  if (row1 == 0 || col1 == 0 || row1 == n || col1 == n) return 1.0;
  // Given the margins, a ~ Hypergeometric(n, col1, row1) (Fisher 1935).
  const Hypergeometric h(n, col1, row1);
  const double log_obs = h.log_pmf(a);
  // Tables as likely as the observed one up to 1e-7 relative count as "as
  // extreme", as R's fisher.test does, so ties in floating point do not flip p.
  const double cutoff = log_obs + std::log1p(1e-7);
  double p = 0.0;
  for (std::int64_t x = h.min_x(); x <= h.max_x(); ++x) {
    const double lp = h.log_pmf(x);
    if (lp <= cutoff) p += std::exp(lp);
  }
  return std::min(1.0, p);
}

std::optional<ProportionChange> compare_proportions(std::int64_t k_from, std::int64_t n_from,
                                                    std::int64_t k_to, std::int64_t n_to,
                                                    double level) {
  check_part_of(k_from, n_from, "k_from", "n_from");
  check_part_of(k_to, n_to, "k_to", "n_to");
  check_level(level);
  if (n_from == 0 || n_to == 0) return std::nullopt;

  ProportionChange r;
  const Interval w_from = *proportion_interval(k_from, n_from, level, IntervalMethod::kWilson);
  const Interval w_to = *proportion_interval(k_to, n_to, level, IntervalMethod::kWilson);
  r.from_share = w_from.estimate;
  r.to_share = w_to.estimate;
  r.difference = r.to_share - r.from_share;
  // Newcombe (1998), method 10: each limit of the difference combines the
  // distances from each estimate to the Wilson limit on the relevant side.
  r.lower = r.difference - std::hypot(w_to.estimate - w_to.lower, w_from.upper - w_from.estimate);
  r.upper = r.difference + std::hypot(w_to.upper - w_to.estimate, w_from.estimate - w_from.lower);
  r.lower = std::max(r.lower, -1.0);
  r.upper = std::min(r.upper, 1.0);

  const double n1 = static_cast<double>(n_from);
  const double n2 = static_cast<double>(n_to);
  const double k_all = static_cast<double>(k_from + k_to);
  const double n_all = n1 + n2;
  const double pooled = k_all / n_all;
  const double var = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2);
  if (var > 0.0) {
    r.z = r.difference / std::sqrt(var);
    const boost::math::normal_distribution<double> standard;
    r.p = std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(standard, std::fabs(r.z))));
  } else {
    r.z = 0.0;
    r.p = 1.0;
  }
  // Cochran (1954): the normal approximation needs every expected count >= 5.
  const double min_expected = std::min({k_all, n_all - k_all}) * std::min(n1, n2) / n_all;
  if (min_expected < 5.0) {
    r.test = ProportionTest::kFisherExact;
    r.p = fisher_exact_2x2(k_to, n_to - k_to, k_from, n_from - k_from);
  }
  return r;
}

}  // namespace tilfreds::stats
