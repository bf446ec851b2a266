#include "stats/weighting.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "stats/checks.h"

namespace tilfreds::stats {

std::optional<WeightedShare> post_stratified_share(std::span<const Stratum> strata, double level) {
  check_level(level);
  if (strata.empty()) throw std::invalid_argument("strata must not be empty");
  double population = 0.0;
  std::int64_t n = 0;
  std::int64_t k = 0;
  for (const Stratum& s : strata) {
    check_part_of(s.k, s.respondents, "k", "respondents");
    check_part_of(s.respondents, s.population, "respondents", "population");
    population += static_cast<double>(s.population);
    n += s.respondents;
    k += s.k;
  }
  if (population == 0.0) return std::nullopt;
  WeightedShare r;
  r.n = n;
  r.unweighted = n > 0 ? static_cast<double>(k) / static_cast<double>(n) : 0.0;
  double variance = 0.0;
  bool variance_known = true;
  for (const Stratum& s : strata) {
    if (s.population == 0) continue;
    if (s.respondents == 0) return std::nullopt;
    const double w = static_cast<double>(s.population) / population;
    const double nh = static_cast<double>(s.respondents);
    const double ph = static_cast<double>(s.k) / nh;
    r.estimate += w * ph;
    const double f = nh / static_cast<double>(s.population);
    if (f >= 1.0) continue;  // a census of the group: no sampling variance
    if (s.respondents < 2) {
      variance_known = false;
      continue;
    }
    // Cochran (1977) eq. 5A.42 with s_h^2 = n_h p_h (1 - p_h) / (n_h - 1).
    variance += w * w * (1.0 - f) * ph * (1.0 - ph) / (nh - 1.0);
  }
  r.estimate = std::clamp(r.estimate, 0.0, 1.0);
  if (!variance_known) return r;
  r.se = std::sqrt(variance);
  const double half = z_critical(level) * *r.se;
  r.interval =
      Interval{r.estimate, std::max(0.0, r.estimate - half), std::min(1.0, r.estimate + half)};
  return r;
}

}  // namespace tilfreds::stats
