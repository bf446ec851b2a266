#include "stats/hypergeometric.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace tilfreds::stats {
namespace {

double log_choose(std::int64_t n, std::int64_t k) {
  const double nn = static_cast<double>(n);
  const double kk = static_cast<double>(k);
  return std::lgamma(nn + 1.0) - std::lgamma(kk + 1.0) - std::lgamma(nn - kk + 1.0);
}

}  // namespace

Hypergeometric::Hypergeometric(std::int64_t population_, std::int64_t successes_,
                               std::int64_t draws_)
    : population(population_), successes(successes_), draws(draws_) {
  if (population < 0 || successes < 0 || draws < 0 || successes > population ||
      draws > population) {
    throw std::invalid_argument(
        "hypergeometric parameters must satisfy 0 <= successes, draws <= population");
  }
}

std::int64_t Hypergeometric::min_x() const {
  return std::max<std::int64_t>(0, draws + successes - population);
}

std::int64_t Hypergeometric::max_x() const { return std::min(draws, successes); }

std::int64_t Hypergeometric::mode() const {
  // (draws+1)(successes+1) can exceed 2^63 only for populations above ~3e9.
  const double m =
      std::floor((static_cast<double>(draws) + 1.0) * (static_cast<double>(successes) + 1.0) /
                 (static_cast<double>(population) + 2.0));
  return std::clamp(static_cast<std::int64_t>(m), min_x(), max_x());
}

double Hypergeometric::log_pmf(std::int64_t x) const {
  if (x < min_x() || x > max_x()) return -std::numeric_limits<double>::infinity();
  return log_choose(successes, x) + log_choose(population - successes, draws - x) -
         log_choose(population, draws);
}

double uniform01(Rng& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

namespace {

std::int64_t sample_from_mode(const Hypergeometric& h, Rng& rng, std::int64_t m, double p_mode) {
  const std::int64_t lo_x = h.min_x();
  const std::int64_t hi_x = h.max_x();
  double u = uniform01(rng);
  u -= p_mode;
  if (u <= 0.0) return m;
  const double big_n = static_cast<double>(h.population);
  const double big_k = static_cast<double>(h.successes);
  const double n = static_cast<double>(h.draws);
  std::int64_t up = m;
  std::int64_t down = m;
  double p_up = p_mode;
  double p_down = p_mode;
  while (up < hi_x || down > lo_x) {
    if (up < hi_x) {
      const double x = static_cast<double>(up);
      // P(x+1)/P(x) = (K-x)(n-x) / ((x+1)(N-K-n+x+1))
      p_up *= (big_k - x) * (n - x) / ((x + 1.0) * (big_n - big_k - n + x + 1.0));
      ++up;
      u -= p_up;
      if (u <= 0.0) return up;
    }
    if (down > lo_x) {
      const double x = static_cast<double>(down);
      // P(x-1)/P(x) = x(N-K-n+x) / ((K-x+1)(n-x+1))
      p_down *= x * (big_n - big_k - n + x) / ((big_k - x + 1.0) * (n - x + 1.0));
      --down;
      u -= p_down;
      if (u <= 0.0) return down;
    }
  }
  // Only reached when rounding left u a hair above 0 after the whole support.
  return m;
}

}  // namespace

std::int64_t sample(const Hypergeometric& h, Rng& rng) {
  if (h.min_x() == h.max_x()) return h.min_x();
  const std::int64_t m = h.mode();
  return sample_from_mode(h, rng, m, std::exp(h.log_pmf(m)));
}

LogFactorials::LogFactorials(std::int64_t max) {
  if (max < 0) throw std::invalid_argument("LogFactorials needs max >= 0");
  table_.resize(static_cast<std::size_t>(max) + 1);
  table_[0] = 0.0;
  // Summing logs keeps the table exact to rounding; lgamma would do too.
  for (std::size_t k = 1; k < table_.size(); ++k) {
    table_[k] = table_[k - 1] + std::log(static_cast<double>(k));
  }
}

std::int64_t sample(const Hypergeometric& h, Rng& rng, const LogFactorials& lf) {
  if (h.population > lf.max()) throw std::invalid_argument("log-factorial table too small");
  if (h.min_x() == h.max_x()) return h.min_x();
  const std::int64_t m = h.mode();
  const std::int64_t big_k = h.successes;
  const std::int64_t big_n = h.population;
  const std::int64_t n = h.draws;
  const double log_p = lf(big_k) - lf(m) - lf(big_k - m) + lf(big_n - big_k) - lf(n - m) -
                       lf(big_n - big_k - n + m) - (lf(big_n) - lf(n) - lf(big_n - n));
  return sample_from_mode(h, rng, m, std::exp(log_p));
}

}  // namespace tilfreds::stats
