// References: tests/data/stats/reference_values.py (statsmodels 0.13.5,
// scipy 1.10.1). statsmodels' count1 is the later wave: diff = later - earlier.
#include "stats/two_proportions.h"

#include <catch2/catch.hpp>
#include <stdexcept>

namespace ts = tilfreds::stats;

TEST_CASE("the secretary's question: 5 % -> 9 % 'slet ikke' with 500 answers a year",
          "[two_proportions]") {
  const auto r = ts::compare_proportions(25, 500, 45, 500);
  REQUIRE(r);
  CHECK(r->from_share == Approx(0.05));
  CHECK(r->to_share == Approx(0.09));
  CHECK(r->difference == Approx(0.04));
  // confint_proportions_2indep(45, 500, 25, 500, method='newcomb', compare='diff', alpha=0.05)
  CHECK(r->lower == Approx(0.0082995211904224181).epsilon(1e-6));
  CHECK(r->upper == Approx(0.072472014226348858).epsilon(1e-6));
  // proportions_ztest([45, 25], [500, 500])
  CHECK(r->z == Approx(2.4787886640791772).epsilon(1e-6));
  CHECK(r->p == Approx(0.01318293900551698).epsilon(1e-6));
  CHECK(r->test == ts::ProportionTest::kPooledZ);
  // The plain answer: yes, more than noise at 95 % (the interval excludes 0).
  CHECK(r->lower > 0.0);
}

TEST_CASE("a small shift is no clear change: 7.2 % -> 7.9 %", "[two_proportions]") {
  const auto r = ts::compare_proportions(37, 512, 42, 531);
  REQUIRE(r);
  // confint_proportions_2indep(42, 531, 37, 512, method='newcomb', compare='diff', alpha=0.05)
  CHECK(r->lower == Approx(-0.02580848347549166).epsilon(1e-6));
  CHECK(r->upper == Approx(0.039337611037867398).epsilon(1e-6));
  // proportions_ztest([42, 37], [531, 512])
  CHECK(r->z == Approx(0.41679236459260249).epsilon(1e-6));
  CHECK(r->p == Approx(0.67683028777393028).epsilon(1e-6));
}

TEST_CASE("huge n: a 0.15-point change over a million answers", "[two_proportions]") {
  const auto r = ts::compare_proportions(480000, 1000000, 481500, 1000000);
  REQUIRE(r);
  // confint_proportions_2indep(481500, 1000000, 480000, 1000000, method='newcomb', compare='diff')
  CHECK(r->lower == Approx(0.00011512382845957933).epsilon(1e-6));
  CHECK(r->upper == Approx(0.0028848680347037122).epsilon(1e-6));
  // proportions_ztest([481500, 480000], [1000000, 1000000])
  CHECK(r->z == Approx(2.122894257015465).epsilon(1e-6));
  CHECK(r->p == Approx(0.033762713816815934).epsilon(1e-6));
}

TEST_CASE("both shares 0: interval from Wilson, p = 1 as the exact test gives",
          "[two_proportions]") {
  const auto r = ts::compare_proportions(0, 10, 0, 10);
  REQUIRE(r);
  CHECK(r->difference == 0.0);
  // confint_proportions_2indep(0, 10, 0, 10, method='newcomb', compare='diff', alpha=0.05)
  CHECK(r->lower == Approx(-0.27753279986288926).epsilon(1e-6));
  CHECK(r->upper == Approx(0.27753279986288926).epsilon(1e-6));
  // scipy.stats.fisher_exact([[0, 10], [0, 10]])[1]
  CHECK(r->p == 1.0);
}

TEST_CASE("small expected counts switch to Fisher's exact test", "[two_proportions]") {
  auto r = ts::compare_proportions(2, 20, 7, 25);
  REQUIRE(r);
  CHECK(r->test == ts::ProportionTest::kFisherExact);
  // confint_proportions_2indep(7, 25, 2, 20, method='newcomb', compare='diff', alpha=0.05)
  CHECK(r->lower == Approx(-0.063367608839067197).epsilon(1e-6));
  CHECK(r->upper == Approx(0.38863267148366976).epsilon(1e-6));
  // proportions_ztest([7, 2], [25, 20]) -> z = 1.5
  CHECK(r->z == Approx(1.5).epsilon(1e-9));
  // scipy.stats.fisher_exact([[7, 18], [2, 18]])[1]
  CHECK(r->p == Approx(0.26036818265973116).epsilon(1e-6));

  // Every expected count exactly 5: Cochran's rule holds, the z test stays.
  r = ts::compare_proportions(0, 10, 10, 10);
  REQUIRE(r);
  CHECK(r->test == ts::ProportionTest::kPooledZ);
  // confint_proportions_2indep(10, 10, 0, 10, method='newcomb', compare='diff', alpha=0.05)
  CHECK(r->lower == Approx(0.60750935043052412).epsilon(1e-6));
  CHECK(r->upper == Approx(1.0).epsilon(1e-12));
  // proportions_ztest([10, 0], [10, 10])
  CHECK(r->z == Approx(4.4721359549995796).epsilon(1e-6));
  CHECK(r->p == Approx(7.7442164310440706e-06).epsilon(1e-6));
  // One fewer: expected 4.75 < 5, Fisher's exact test.
  r = ts::compare_proportions(0, 10, 9, 9);
  CHECK(r->test == ts::ProportionTest::kFisherExact);
  // scipy.stats.fisher_exact([[9, 0], [0, 10]])[1]
  CHECK(r->p == Approx(1.0825088224469029e-05).epsilon(1e-6));
}

TEST_CASE("Fisher's exact test matches scipy", "[two_proportions][fisher]") {
  // scipy.stats.fisher_exact([[3, 1], [1, 3]])[1]
  CHECK(ts::fisher_exact_2x2(3, 1, 1, 3) == Approx(0.48571428571428565).epsilon(1e-6));
  // scipy.stats.fisher_exact([[1, 9], [11, 3]])[1]
  CHECK(ts::fisher_exact_2x2(1, 9, 11, 3) == Approx(0.0027594561852200836).epsilon(1e-6));
  // scipy.stats.fisher_exact([[0, 5], [5, 0]])[1]
  CHECK(ts::fisher_exact_2x2(0, 5, 5, 0) == Approx(0.0079365079365079378).epsilon(1e-6));
  // scipy.stats.fisher_exact([[2, 999998], [9, 999991]])[1]
  CHECK(ts::fisher_exact_2x2(2, 999998, 9, 999991) == Approx(0.065428962411370972).epsilon(1e-6));
  // scipy.stats.fisher_exact([[5, 0], [0, 0]])[1]
  CHECK(ts::fisher_exact_2x2(5, 0, 0, 0) == 1.0);
  // scipy.stats.fisher_exact([[45, 455], [25, 475]])[1]
  CHECK(ts::fisher_exact_2x2(45, 455, 25, 475) == Approx(0.01797452751513607).epsilon(1e-6));
  // symmetric under swapping rows and columns
  CHECK(ts::fisher_exact_2x2(9, 999991, 2, 999998) ==
        Approx(ts::fisher_exact_2x2(2, 999998, 9, 999991)).epsilon(1e-12));
  CHECK_THROWS_AS(ts::fisher_exact_2x2(-1, 2, 3, 4), std::invalid_argument);
}

TEST_CASE("a wave without answers is not computable, invalid input throws", "[two_proportions]") {
  CHECK_FALSE(ts::compare_proportions(0, 0, 4, 10).has_value());
  CHECK_FALSE(ts::compare_proportions(4, 10, 0, 0).has_value());
  CHECK_THROWS_WITH(ts::compare_proportions(11, 10, 4, 10),
                    Catch::Contains("k_from must not exceed n_from"));
  CHECK_THROWS_AS(ts::compare_proportions(-1, 10, 4, 10), std::invalid_argument);
  CHECK_THROWS_AS(ts::compare_proportions(1, 10, 4, 10, 1.0), std::invalid_argument);
  CHECK(ts::test_name(ts::ProportionTest::kFisherExact) == "fisher-exact");
}
