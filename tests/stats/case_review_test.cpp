// Case review figures (issue 15) against scipy 1.10.1; the call that produced each
// reference value is written beside it.
#include "stats/case_review.h"

#include <catch2/catch.hpp>
#include <stdexcept>

namespace ts = tilfreds::stats;
using ts::Light;

TEST_CASE("sample size for a margin on the error share, with the finite population correction",
          "[case_review]") {
  // z = scipy.stats.norm.ppf(0.975); n0 = z*z*p*(1-p)/e**2; n = n0/(1+(n0-1)/N); ceil
  CHECK(ts::sample_size_for_margin(0.05, std::nullopt) == 385);         // n0 = 384.1459
  CHECK(ts::sample_size_for_margin(0.05, 200) == 132);                  // 131.7495
  CHECK(ts::sample_size_for_margin(0.03, std::nullopt, 0.95, 0.1) == 385);  // 384.1459
  CHECK(ts::sample_size_for_margin(0.03, 1000, 0.95, 0.1) == 278);      // 277.7335
  CHECK(ts::sample_size_for_margin(0.1, 20) == 17);                     // 16.6967
  CHECK(ts::sample_size_for_margin(0.05, 1) == 1);                      // a population of one: a census
  CHECK_THROWS_AS(ts::sample_size_for_margin(0.0, 10), std::invalid_argument);
  CHECK_THROWS_AS(ts::sample_size_for_margin(0.05, 0), std::invalid_argument);
  CHECK_THROWS_AS(ts::sample_size_for_margin(0.05, 10, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(ts::sample_size_for_margin(0.05, 10, 0.95, 1.0), std::invalid_argument);
}

TEST_CASE("zero errors in n cases: exact one-sided 95 % upper bound", "[case_review]") {
  // Clopper-Pearson: scipy.stats.beta.ppf(0.95, 1, n)
  CHECK(ts::zero_error_upper_bound(1, std::nullopt).share == Approx(0.95).epsilon(1e-12));
  CHECK(ts::zero_error_upper_bound(10, std::nullopt).share == Approx(0.2588655508930522).epsilon(1e-12));
  CHECK(ts::zero_error_upper_bound(59, std::nullopt).share == Approx(0.04950760988822693).epsilon(1e-12));
  CHECK(ts::zero_error_upper_bound(100, std::nullopt).share == Approx(0.02951304960703993).epsilon(1e-12));
  CHECK_FALSE(ts::zero_error_upper_bound(10, std::nullopt).errors_in_population);
  // Finite population: max D with scipy.stats.hypergeom.pmf(0, N, D, n) > 0.05
  auto b = ts::zero_error_upper_bound(10, 50);  // pmf(0,50,11,10)=0.0619, pmf(0,50,12,10)=0.0460
  CHECK(b.errors_in_population == 11);
  CHECK(b.share == Approx(0.22));
  CHECK(ts::zero_error_upper_bound(30, 100).errors_in_population == 8);    // 0.0507 / 0.0342
  CHECK(ts::zero_error_upper_bound(59, 1000).errors_in_population == 48);  // 0.05018 / 0.04707
  CHECK(ts::zero_error_upper_bound(5, 10).errors_in_population == 3);      // 0.0833 / 0.0238
  CHECK(ts::zero_error_upper_bound(1, 5).errors_in_population == 4);       // 0.2 / 0
  CHECK(ts::zero_error_upper_bound(100, 100000).errors_in_population == 2949);  // bisection in scipy
  // A census with no errors proves there are none.
  CHECK(ts::zero_error_upper_bound(20, 20).errors_in_population == 0);
  CHECK(ts::zero_error_upper_bound(20, 20).share == 0.0);
  CHECK_THROWS_AS(ts::zero_error_upper_bound(0, 10), std::invalid_argument);
  CHECK_THROWS_AS(ts::zero_error_upper_bound(11, 10), std::invalid_argument);
}

TEST_CASE("review light on the unrounded share: 94.9 % is yellow, 74.9 % red", "[case_review]") {
  CHECK(ts::review_light(95, 100) == Light::kGreen);
  CHECK(ts::review_light(19, 20) == Light::kGreen);     // exactly 95 %
  CHECK(ts::review_light(949, 1000) == Light::kYellow);  // prints as 95 %
  CHECK(ts::review_light(18, 19) == Light::kYellow);     // 94.74 %
  CHECK(ts::review_light(3, 4) == Light::kYellow);       // exactly 75 %
  CHECK(ts::review_light(749, 1000) == Light::kRed);
  CHECK(ts::review_light(0, 13) == Light::kRed);
  CHECK(ts::review_light(13, 13) == Light::kGreen);
  CHECK_FALSE(ts::review_light(0, 0));
  const ts::LightThresholds strict{100, 90};
  CHECK(ts::review_light(99, 100, strict) == Light::kYellow);
  CHECK(ts::review_light(100, 100, strict) == Light::kGreen);
  CHECK_THROWS_AS(ts::review_light(5, 4), std::invalid_argument);
  CHECK_THROWS_AS(ts::review_light(1, 4, ts::LightThresholds{70, 80}), std::invalid_argument);
}

TEST_CASE("arrows on errors: red up, green down, yellow same", "[case_review]") {
  auto a = ts::arrow(3, 4, ts::Polarity::kUpIsBad);
  CHECK(a.direction == ts::Direction::kUp);
  CHECK(a.tone == ts::Tone::kBad);
  a = ts::arrow(4, 3, ts::Polarity::kUpIsBad);
  CHECK(a.direction == ts::Direction::kDown);
  CHECK(a.tone == ts::Tone::kGood);
  a = ts::arrow(0, 0, ts::Polarity::kUpIsBad);
  CHECK(a.direction == ts::Direction::kUnchanged);
  CHECK(a.tone == ts::Tone::kNeutral);
}

TEST_CASE("relative change of errors: a fall of 47 %", "[case_review]") {
  CHECK(*ts::relative_change(30, 16) == Approx(-14.0 / 30.0));
  CHECK(*ts::relative_change(2, 3) == Approx(0.5));
  CHECK(*ts::relative_change(5, 5) == 0.0);
  CHECK_FALSE(ts::relative_change(0, 3));
  CHECK_THROWS_AS(ts::relative_change(-1, 3), std::invalid_argument);
}

TEST_CASE("new or old error: within 12 months of the review, or still reproduced", "[case_review]") {
  const ts::CivilDate review{2024, 9, 30};
  CHECK(ts::error_age({2024, 9, 30}, review, false) == ts::ErrorAge::kNew);  // the day itself
  CHECK(ts::error_age({2023, 9, 30}, review, false) == ts::ErrorAge::kNew);  // exactly 12 months
  CHECK(ts::error_age({2023, 9, 29}, review, false) == ts::ErrorAge::kOld);  // a day more
  // A decision from 2020 that lacked its next follow-up date: old.
  CHECK(ts::error_age({2020, 3, 1}, review, false) == ts::ErrorAge::kOld);
  // A yearly follow-up not done since 2020 is still being reproduced: new.
  CHECK(ts::error_age({2020, 3, 1}, review, true) == ts::ErrorAge::kNew);
  // 29 February: twelve months before is 28 February of the year before.
  CHECK(ts::twelve_months_before({2024, 2, 29}).day == 28);
  CHECK(ts::error_age({2023, 2, 28}, {2024, 2, 29}, false) == ts::ErrorAge::kNew);
  CHECK(ts::error_age({2023, 2, 27}, {2024, 2, 29}, false) == ts::ErrorAge::kOld);
  CHECK(ts::error_age({2024, 2, 29}, {2025, 2, 28}, false) == ts::ErrorAge::kNew);
  CHECK_THROWS_AS(ts::error_age({2024, 10, 1}, review, false), std::invalid_argument);
  CHECK_THROWS_AS(ts::error_age({2023, 2, 29}, review, false), std::invalid_argument);
}
