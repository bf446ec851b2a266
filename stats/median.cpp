#include "stats/median.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tilfreds::stats {

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  for (double v : values) {
    if (!std::isfinite(v)) throw std::invalid_argument("median: value not finite");
  }
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return lower + (upper - lower) / 2;
}

}  // namespace tilfreds::stats
