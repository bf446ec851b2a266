// The hypergeometric distribution as the exact tests need it: log-probabilities
// that stay accurate for populations in the millions, and a deterministic
// sampler for Monte Carlo p-values. Internal to stats/, but documented and tested
// like the rest because every exact p-value rests on it.
//
// Notation: a population of `population` items of which `successes` are marked;
// `draws` items are taken without replacement; x is the number of marked items
// drawn. Support: max(0, draws + successes - population) <= x <= min(draws,
// successes).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace tilfreds::stats {

struct Hypergeometric {
  std::int64_t population = 0;
  std::int64_t successes = 0;
  std::int64_t draws = 0;

  // Throws std::invalid_argument unless 0 <= successes, draws <= population.
  Hypergeometric(std::int64_t population, std::int64_t successes, std::int64_t draws);

  std::int64_t min_x() const;
  std::int64_t max_x() const;
  // The mode floor((draws + 1)(successes + 1)/(population + 2)).
  std::int64_t mode() const;

  // Returns log P(X = x); -infinity outside the support. Uses log-gamma, so it is
  // accurate to ~1e-12 relative for populations up to ~1e9.
  double log_pmf(std::int64_t x) const;
};

// The generator used for every Monte Carlo p-value: a fixed algorithm
// (mt19937_64) and a fixed seed give the same p-value on every run and machine,
// so a published table never changes when regenerated.
using Rng = std::mt19937_64;
inline constexpr std::uint64_t kDefaultSeed = 20240901;

// A uniform draw in [0, 1) from the top 53 bits, platform-independent (unlike
// std::uniform_real_distribution, whose algorithm the standard leaves open).
double uniform01(Rng& rng);

// Draws X by inversion, searching outward from the mode (the "chop-down" search
// of Kemp 1986), so the expected cost is O(standard deviation), not O(support).
std::int64_t sample(const Hypergeometric& h, Rng& rng);

// log(k!) for k = 0..max, tabulated once so that Monte Carlo loops drawing
// thousands of tables need no log-gamma calls.
class LogFactorials {
 public:
  explicit LogFactorials(std::int64_t max);
  double operator()(std::int64_t k) const { return table_[static_cast<std::size_t>(k)]; }
  std::int64_t max() const { return static_cast<std::int64_t>(table_.size()) - 1; }

 private:
  std::vector<double> table_;
};

// As sample(h, rng), with the probabilities from the table; requires
// h.population <= table.max().
std::int64_t sample(const Hypergeometric& h, Rng& rng, const LogFactorials& table);

}  // namespace tilfreds::stats
