#include "stats/checks.h"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

namespace ts = tilfreds::stats;

TEST_CASE("checks refuse invalid input with a message naming it", "[checks]") {
  CHECK_NOTHROW(ts::check_count(0, "n"));
  CHECK_THROWS_WITH(ts::check_count(-3, "invited"), "invited must not be negative (got -3)");
  CHECK_THROWS_WITH(ts::check_part_of(4, 3), "k must not exceed n (got 4 > 3)");
  CHECK_THROWS_WITH(ts::check_level(1.0),
                    Catch::StartsWith("level must lie strictly between 0 and 1"));
  CHECK_THROWS_AS(ts::check_level(0.0), std::invalid_argument);
  CHECK_THROWS_AS(ts::check_table({}), std::invalid_argument);
  CHECK_THROWS_AS(ts::check_table({{1, 2}, {1}}), std::invalid_argument);
  CHECK_NOTHROW(ts::check_table({{0, 0}, {0, 0}}));
}

TEST_CASE("z critical value", "[checks]") {
  // scipy.stats.norm.isf(0.025) = 1.959963984540054
  CHECK(ts::z_critical(0.95) == Approx(1.959963984540054).epsilon(1e-12));
  // scipy.stats.norm.isf(0.005) = 2.5758293035489004
  CHECK(ts::z_critical(0.99) == Approx(2.5758293035489004).epsilon(1e-12));
}
