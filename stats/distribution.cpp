#include "stats/distribution.h"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "stats/checks.h"

namespace tilfreds::stats {
namespace {

std::int64_t total(std::span<const std::int64_t> counts) {
  return std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
}

void check_decimals(int decimals) {
  if (decimals != 0 && decimals != 1) {
    throw std::invalid_argument("decimals must be 0 or 1 (got " + std::to_string(decimals) + ")");
  }
}

}  // namespace

std::optional<Distribution> distribution(std::span<const std::int64_t> counts) {
  check_counts(counts, "counts");
  const std::int64_t n = total(counts);
  if (n == 0) return std::nullopt;
  Distribution d;
  d.n = n;
  d.shares.reserve(counts.size());
  for (std::int64_t c : counts) {
    d.shares.push_back(static_cast<double>(c) / static_cast<double>(n));
  }
  return d;
}

std::int64_t top_count(std::span<const std::int64_t> counts, std::size_t top) {
  check_counts(counts, "counts");
  if (top == 0 || top > counts.size()) {
    throw std::invalid_argument("top must be between 1 and the number of categories");
  }
  return total(counts.first(top));
}

std::optional<Interval> top_share(std::span<const std::int64_t> counts, std::size_t top,
                                  double level, IntervalMethod method) {
  const std::int64_t k = top_count(counts, top);
  return proportion_interval(k, total(counts), level, method);
}

std::optional<Interval> bottom_share(std::span<const std::int64_t> counts, double level,
                                     IntervalMethod method) {
  check_counts(counts, "counts");
  return proportion_interval(counts.back(), total(counts), level, method);
}

std::optional<double> percent_half_up(std::int64_t k, std::int64_t n, int decimals) {
  check_part_of(k, n);
  check_decimals(decimals);
  if (n == 0) return std::nullopt;
  // Half up on the exact rational: floor((2·scale·k + n) / (2n)) with scale = 100
  // or 1000. Overflow would need k above 4.6e15 answers.
  const std::int64_t scale = decimals == 0 ? 100 : 1000;
  const std::int64_t units = (2 * scale * k + n) / (2 * n);
  return decimals == 0 ? static_cast<double>(units) : static_cast<double>(units) / 10.0;
}

double round_percent_half_up(double share, int decimals) {
  check_decimals(decimals);
  if (!(share >= 0.0 && share <= 1.0)) {
    throw std::invalid_argument("share must lie in [0, 1]");
  }
  const double scale = decimals == 0 ? 100.0 : 1000.0;
  const double x = share * scale;
  const double units = std::floor(x + 0.5 + 1e-9 * std::max(1.0, x));
  return decimals == 0 ? units : units / 10.0;
}

double round_half_up(double value, int decimals) {
  if (!std::isfinite(value)) throw std::invalid_argument("value must be finite");
  if (decimals < 0 || decimals > 6) throw std::invalid_argument("decimals must lie in 0..6");
  const double scale = std::pow(10.0, decimals);
  const double x = std::fabs(value) * scale;
  const double units = std::floor(x + 0.5 + 1e-9 * std::max(1.0, x));
  const double rounded = units / scale;
  return value < 0 && rounded != 0.0 ? -rounded : rounded;
}

std::optional<std::vector<double>> percents_half_up(std::span<const std::int64_t> counts,
                                                    int decimals) {
  check_counts(counts, "counts");
  check_decimals(decimals);
  const std::int64_t n = total(counts);
  if (n == 0) return std::nullopt;
  std::vector<double> out;
  out.reserve(counts.size());
  for (std::int64_t c : counts) out.push_back(*percent_half_up(c, n, decimals));
  return out;
}

std::optional<std::vector<Interval>> goodman_intervals(std::span<const std::int64_t> counts,
                                                       double level) {
  check_counts(counts, "counts");
  check_level(level);
  if (counts.size() < 2) {
    throw std::invalid_argument("simultaneous intervals need at least 2 categories");
  }
  const std::int64_t n_total = total(counts);
  if (n_total == 0) return std::nullopt;
  // Goodman (1965), eq. (5): A is the chi-square(1) quantile at 1 - alpha/K.
  const double k_cat = static_cast<double>(counts.size());
  const boost::math::chi_squared_distribution<double> chi1(1.0);
  const double a = boost::math::quantile(boost::math::complement(chi1, (1.0 - level) / k_cat));
  const double n = static_cast<double>(n_total);
  std::vector<Interval> out;
  out.reserve(counts.size());
  for (std::int64_t c : counts) {
    const double ni = static_cast<double>(c);
    const double root = std::sqrt(a * (a + 4.0 * ni * (n - ni) / n));
    Interval r{ni / n, (a + 2.0 * ni - root) / (2.0 * (n + a)),
               (a + 2.0 * ni + root) / (2.0 * (n + a))};
    r.lower = std::clamp(r.lower, 0.0, r.estimate);
    r.upper = std::clamp(r.upper, r.estimate, 1.0);
    if (c == 0) r.lower = 0.0;
    if (c == n_total) r.upper = 1.0;
    out.push_back(r);
  }
  return out;
}

}  // namespace tilfreds::stats
