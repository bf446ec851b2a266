#include "stats/indicator.h"

#include <catch2/catch.hpp>
#include <stdexcept>

namespace ts = tilfreds::stats;
using ts::Light;

TEST_CASE("traffic light: green 95-100 %, yellow 75-94 %, red 0-74 % by default", "[indicator]") {
  CHECK(ts::traffic_light(95, 100) == Light::kGreen);
  CHECK(ts::traffic_light(100, 100) == Light::kGreen);
  CHECK(ts::traffic_light(94, 100) == Light::kYellow);
  CHECK(ts::traffic_light(75, 100) == Light::kYellow);
  CHECK(ts::traffic_light(74, 100) == Light::kRed);
  CHECK(ts::traffic_light(0, 100) == Light::kRed);
  // 94.6 % prints as 95 % and must not be yellow.
  CHECK(ts::traffic_light(946, 1000) == Light::kGreen);
  // 74.5 % prints as 75 % (half up).
  CHECK(ts::traffic_light(149, 200) == Light::kYellow);
  CHECK(ts::traffic_light(1489, 2000) == Light::kRed);  // 74.45 % -> 74 %
  CHECK_FALSE(ts::traffic_light(0, 0).has_value());
  CHECK(ts::traffic_light(0.946) == Light::kGreen);
  CHECK(ts::traffic_light(0.5) == Light::kRed);
}

TEST_CASE("traffic light thresholds are configurable and checked", "[indicator]") {
  const ts::LightThresholds t{80, 60};
  CHECK(ts::traffic_light(80, 100, t) == Light::kGreen);
  CHECK(ts::traffic_light(60, 100, t) == Light::kYellow);
  CHECK(ts::traffic_light(59, 100, t) == Light::kRed);
  CHECK_THROWS_AS(ts::traffic_light(1, 2, ts::LightThresholds{60, 80}), std::invalid_argument);
  CHECK_THROWS_AS(ts::traffic_light(1, 2, ts::LightThresholds{101, 80}), std::invalid_argument);
  CHECK_THROWS_AS(ts::traffic_light(3, 2), std::invalid_argument);
  CHECK_THROWS_AS(ts::traffic_light(1.5), std::invalid_argument);
  CHECK(ts::light_name(Light::kYellow) == "yellow");
}

TEST_CASE("arrows: direction from the verdict, tone from the polarity", "[indicator]") {
  auto a = ts::arrow(ts::Verdict::kHigher, ts::Polarity::kUpIsGood);
  CHECK(a.direction == ts::Direction::kUp);
  CHECK(a.tone == ts::Tone::kGood);
  a = ts::arrow(ts::Verdict::kHigher, ts::Polarity::kUpIsBad);  // more errors: red up
  CHECK(a.tone == ts::Tone::kBad);
  a = ts::arrow(ts::Verdict::kLower, ts::Polarity::kUpIsBad);  // fewer errors: green down
  CHECK(a.direction == ts::Direction::kDown);
  CHECK(a.tone == ts::Tone::kGood);
  a = ts::arrow(ts::Verdict::kNoClearChange, ts::Polarity::kUpIsGood);
  CHECK(a.direction == ts::Direction::kUnchanged);
  CHECK(a.tone == ts::Tone::kNeutral);
  a = ts::arrow(ts::Verdict::kLower, ts::Polarity::kNeutral);
  CHECK(a.tone == ts::Tone::kNeutral);
  CHECK(ts::direction_name(ts::Direction::kDown) == "down");
  CHECK(ts::tone_name(ts::Tone::kBad) == "bad");
}

TEST_CASE("arrows from raw counts (case review errors per control point)", "[indicator]") {
  CHECK(ts::arrow(3, 5, ts::Polarity::kUpIsBad).direction == ts::Direction::kUp);
  CHECK(ts::arrow(3, 5, ts::Polarity::kUpIsBad).tone == ts::Tone::kBad);
  CHECK(ts::arrow(5, 3, ts::Polarity::kUpIsBad).tone == ts::Tone::kGood);
  CHECK(ts::arrow(4, 4, ts::Polarity::kUpIsBad).direction == ts::Direction::kUnchanged);
  CHECK_THROWS_AS(ts::arrow(-1, 4, ts::Polarity::kUpIsBad), std::invalid_argument);
}
