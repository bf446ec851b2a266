#include "stats/checks.h"

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <stdexcept>

namespace tilfreds::stats {

void check_count(std::int64_t value, const char* what) {
  if (value < 0) {
    throw std::invalid_argument(std::string(what) + " must not be negative (got " +
                                std::to_string(value) + ")");
  }
}

void check_part_of(std::int64_t k, std::int64_t n, const char* k_name, const char* n_name) {
  check_count(k, k_name);
  check_count(n, n_name);
  if (k > n) {
    throw std::invalid_argument(std::string(k_name) + " must not exceed " + n_name + " (got " +
                                std::to_string(k) + " > " + std::to_string(n) + ")");
  }
}

void check_level(double level, const char* what) {
  // The negated form also refuses NaN.
  if (!(level > 0.0 && level < 1.0)) {
    throw std::invalid_argument(std::string(what) + " must lie strictly between 0 and 1 (got " +
                                std::to_string(level) + ")");
  }
}

void check_counts(std::span<const std::int64_t> counts, const char* what) {
  if (counts.empty()) {
    throw std::invalid_argument(std::string(what) + " must not be empty");
  }
  for (std::int64_t c : counts) check_count(c, what);
}

void check_table(const std::vector<std::vector<std::int64_t>>& table, const char* what) {
  if (table.empty()) {
    throw std::invalid_argument(std::string(what) + " must have at least one row");
  }
  const std::size_t width = table.front().size();
  if (width == 0) {
    throw std::invalid_argument(std::string(what) + " must have at least one column");
  }
  for (const auto& row : table) {
    if (row.size() != width) {
      throw std::invalid_argument(std::string(what) +
                                  " rows must all have the same number of columns");
    }
    for (std::int64_t c : row) check_count(c, what);
  }
}

double z_critical(double level) {
  check_level(level);
  const boost::math::normal_distribution<double> standard;
  return boost::math::quantile(boost::math::complement(standard, (1.0 - level) / 2.0));
}

}  // namespace tilfreds::stats
