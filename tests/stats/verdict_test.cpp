#include "stats/verdict.h"

#include <catch2/catch.hpp>
#include <stdexcept>

namespace ts = tilfreds::stats;

TEST_CASE("verdict: higher / lower / no clear change at the chosen level", "[verdict]") {
  CHECK(ts::decide(0.013, 0.04) == ts::Verdict::kHigher);
  CHECK(ts::decide(0.013, -0.04) == ts::Verdict::kLower);
  CHECK(ts::decide(0.013, 0.04, 0.99) == ts::Verdict::kNoClearChange);
  CHECK(ts::decide(0.05, 0.04) == ts::Verdict::kNoClearChange);  // p must be below alpha
  CHECK(ts::decide(0.0, 0.0) == ts::Verdict::kNoClearChange);
  CHECK(ts::verdict_name(ts::Verdict::kHigher) == "higher");
  CHECK(ts::verdict_name(ts::Verdict::kLower) == "lower");
  CHECK(ts::verdict_name(ts::Verdict::kNoClearChange) == "no clear change");
  CHECK_THROWS_AS(ts::decide(1.2, 0.1), std::invalid_argument);
  CHECK_THROWS_AS(ts::decide(0.1, 0.1, 1.0), std::invalid_argument);
}
