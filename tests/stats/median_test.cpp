#include "stats/median.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

using tilfreds::stats::median;

// References: numpy.median (numpy 1.24, Debian 12).
TEST_CASE("median of an even count is the mean of the two middle values") {
  // np.median([12, 3, 40, 7]) = 9.5
  CHECK(*median({12, 3, 40, 7}) == Approx(9.5));
  // np.median([1e9, 1e9 + 1]) = 1000000000.5
  CHECK(*median({1e9, 1e9 + 1}) == Approx(1000000000.5));
}

TEST_CASE("median of an odd count is the middle value") {
  // np.median([5]) = 5.0; np.median([30, 2, 9, 14, 21]) = 14.0
  CHECK(*median({5}) == 5.0);
  CHECK(*median({30, 2, 9, 14, 21}) == 14.0);
}

TEST_CASE("median of nothing is not computable and a NaN is refused") {
  CHECK_FALSE(median({}).has_value());
  CHECK_THROWS_AS(median({1, std::numeric_limits<double>::quiet_NaN()}), std::invalid_argument);
}
