#include "stats/multiplicity.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace tilfreds::stats {

std::vector<double> benjamini_hochberg(std::span<const double> p) {
  for (double v : p) {
    if (!(v >= 0.0 && v <= 1.0)) throw std::invalid_argument("p-values must lie in [0, 1]");
  }
  const std::size_t m = p.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Stable, so tied p-values keep a deterministic order (the result is the same
  // for ties either way).
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  std::vector<double> adjusted(m);
  double running = 1.0;
  // Step-up: walk from the largest p down, carrying the minimum.
  for (std::size_t r = m; r-- > 0;) {
    const std::size_t i = order[r];
    const double candidate = p[i] * static_cast<double>(m) / static_cast<double>(r + 1);
    running = std::min(running, candidate);
    adjusted[i] = std::min(1.0, running);
  }
  return adjusted;
}

}  // namespace tilfreds::stats
