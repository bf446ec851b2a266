// References: tests/data/stats/reference_values.py (scipy 1.10.1).
#include "stats/hypergeometric.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace ts = tilfreds::stats;

TEST_CASE("log-pmf matches scipy, also for a population of a million", "[hypergeometric]") {
  // scipy.stats.hypergeom.logpmf(3, 20, 7, 12)
  CHECK(ts::Hypergeometric(20, 7, 12).log_pmf(3) == Approx(-1.6161684581629294).epsilon(1e-9));
  // scipy.stats.hypergeom.logpmf(0, 20, 7, 12)
  CHECK(ts::Hypergeometric(20, 7, 12).log_pmf(0) == Approx(-9.178849704884815).epsilon(1e-9));
  // scipy.stats.hypergeom.logpmf(7, 20, 7, 12)
  CHECK(ts::Hypergeometric(20, 7, 12).log_pmf(7) == Approx(-4.5837298547502243).epsilon(1e-9));
  // scipy.stats.hypergeom.logpmf(500, 1000000, 1000, 500000)
  CHECK(ts::Hypergeometric(1000000, 1000, 500000).log_pmf(500) ==
        Approx(-3.6794187408023475).epsilon(1e-7));
  // scipy.stats.hypergeom.logpmf(2, 10, 10, 2)
  CHECK(ts::Hypergeometric(10, 10, 2).log_pmf(2) == Approx(0.0).margin(1e-12));
  CHECK(std::isinf(ts::Hypergeometric(20, 7, 12).log_pmf(8)));
}

TEST_CASE("support and mode", "[hypergeometric]") {
  const ts::Hypergeometric h(20, 7, 15);
  CHECK(h.min_x() == 2);
  CHECK(h.max_x() == 7);
  CHECK(h.mode() == 5);  // floor(16 * 8 / 22)
  CHECK_THROWS_AS(ts::Hypergeometric(5, 6, 1), std::invalid_argument);
  CHECK_THROWS_AS(ts::Hypergeometric(5, 1, 6), std::invalid_argument);
  CHECK_THROWS_AS(ts::Hypergeometric(-1, 0, 0), std::invalid_argument);
}

TEST_CASE("the sampler draws from the right distribution, deterministically", "[hypergeometric]") {
  // scipy.stats.hypergeom.pmf(range(0, 8), 20, 7, 12)
  const std::vector<double> pmf{0.00010319917440660477, 0.0043343653250774005, 0.047678018575851404,
                                0.19865841073271417,    0.35758513931888553,   0.28606811145510841,
                                0.095356037151702794,   0.010216718266253873};
  const ts::Hypergeometric h(20, 7, 12);
  ts::Rng rng(ts::kDefaultSeed);
  const int draws = 200000;
  std::vector<int> seen(8, 0);
  for (int i = 0; i < draws; ++i) ++seen.at(static_cast<std::size_t>(ts::sample(h, rng)));
  for (std::size_t x = 0; x < pmf.size(); ++x) {
    // Monte Carlo: 5 standard errors of a frequency.
    const double se = std::sqrt(pmf[x] * (1 - pmf[x]) / draws);
    CHECK(static_cast<double>(seen[x]) / draws == Approx(pmf[x]).margin(5 * se + 1e-6));
  }
  ts::Rng a(7), b(7);
  for (int i = 0; i < 100; ++i) CHECK(ts::sample(h, a) == ts::sample(h, b));
}

TEST_CASE("uniform01 lies in the unit interval, 1 excluded", "[hypergeometric]") {
  ts::Rng rng(1);
  for (int i = 0; i < 1000; ++i) {
    const double u = ts::uniform01(rng);
    CHECK(u >= 0.0);
    CHECK(u < 1.0);
  }
}

TEST_CASE("tabulated log-factorials give the same draws as log-gamma", "[hypergeometric]") {
  const ts::LogFactorials lf(2000);
  CHECK(lf(0) == 0.0);
  CHECK(lf(1) == 0.0);
  CHECK(lf(2000) == Approx(std::lgamma(2001.0)).epsilon(1e-12));
  const ts::Hypergeometric h(1500, 400, 700);
  ts::Rng a(99), b(99);
  int same = 0;
  for (int i = 0; i < 10000; ++i) same += ts::sample(h, a) == ts::sample(h, b, lf);
  CHECK(same == 10000);
  CHECK_THROWS_AS(ts::sample(ts::Hypergeometric(3000, 1, 1), a, lf), std::invalid_argument);
  CHECK_THROWS_AS(ts::LogFactorials(-1), std::invalid_argument);
}
