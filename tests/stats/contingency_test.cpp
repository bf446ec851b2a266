// References: tests/data/stats/reference_values.py (scipy 1.10.1; the exact
// conditional p-values are a full enumeration of the tables with the observed
// margins, written in that script).
#include "stats/contingency.h"

#include <catch2/catch.hpp>
#include <stdexcept>

namespace ts = tilfreds::stats;
using ts::CountTable;

namespace {
const CountTable kSurvey{{245, 135, 75, 40}, {271, 143, 61, 37}, {276, 149, 64, 42}};
}

TEST_CASE("three waves of the survey: Pearson chi-square as scipy", "[contingency]") {
  const auto r = ts::chi_square_homogeneity(kSurvey);
  REQUIRE(r);
  // scipy.stats.chi2_contingency([[245, 135, 75, 40], [271, 143, 61, 37], [276, 149, 64, 42]],
  // correction=False)[:3]
  CHECK(r->statistic == Approx(3.5392850061310654).epsilon(1e-6));
  CHECK(r->p == Approx(0.73873587383162764).epsilon(1e-6));
  CHECK(r->df == 6);
  CHECK(r->method == ts::HomogeneityMethod::kPearson);
  CHECK(r->rows_used == 3);
  CHECK(r->columns_used == 4);
  CHECK(r->replicates == 0);
}

TEST_CASE("two waves", "[contingency]") {
  const CountTable t{{271, 143, 61, 37}, {276, 149, 64, 42}};
  const auto r = ts::chi_square_homogeneity(t);
  REQUIRE(r);
  // scipy.stats.chi2_contingency([[271, 143, 61, 37], [276, 149, 64, 42]], correction=False)[:3]
  CHECK(r->statistic == Approx(0.21140038897606142).epsilon(1e-6));
  CHECK(r->p == Approx(0.97572823581360546).epsilon(1e-6));
  CHECK(r->df == 3);
}

TEST_CASE("a zero column and a zero row are dropped before testing", "[contingency]") {
  const CountTable t{{10, 20, 0, 5}, {0, 0, 0, 0}, {12, 18, 0, 9}};
  const auto r = ts::chi_square_homogeneity(t);
  REQUIRE(r);
  // scipy.stats.chi2_contingency([[10, 20, 5], [12, 18, 9]], correction=False)[:3]
  CHECK(r->statistic == Approx(1.2172789616398647).epsilon(1e-6));
  CHECK(r->p == Approx(0.54409061145612536).epsilon(1e-6));
  CHECK(r->df == 2);
  CHECK(r->rows_used == 2);
  CHECK(r->columns_used == 3);
}

TEST_CASE("the 2x2 of the secretary's question", "[contingency]") {
  const CountTable t{{45, 455}, {25, 475}};
  const auto r = ts::chi_square_homogeneity(t);
  REQUIRE(r);
  // scipy.stats.chi2_contingency([[45, 455], [25, 475]], correction=False)[:3]
  CHECK(r->statistic == Approx(6.1443932411674345).epsilon(1e-6));
  CHECK(r->p == Approx(0.01318293900551696).epsilon(1e-6));
}

TEST_CASE("huge n: a tiny p-value stays accurate", "[contingency]") {
  const CountTable t{{300000, 100000, 50000}, {310000, 95000, 52000}};
  const auto r = ts::chi_square_homogeneity(t);
  REQUIRE(r);
  // scipy.stats.chi2_contingency([[300000, 100000, 50000], [310000, 95000, 52000]],
  // correction=False)[:3]
  CHECK(r->statistic == Approx(277.34750475825234).epsilon(1e-6));
  CHECK(r->p == Approx(5.9532559805707281e-61).epsilon(1e-6));
}

TEST_CASE("100 % in one category, or one wave, is not computable", "[contingency]") {
  CHECK_FALSE(ts::chi_square_homogeneity(CountTable{{50, 0}, {40, 0}}).has_value());
  CHECK_FALSE(ts::chi_square_homogeneity(CountTable{{50, 3, 2}}).has_value());
  CHECK_FALSE(ts::chi_square_homogeneity(CountTable{{0, 0}, {0, 0}}).has_value());
  CHECK_FALSE(ts::chi_square_homogeneity(CountTable{{50, 3, 2}, {0, 0, 0}}).has_value());
}

TEST_CASE("small 2x2: Fisher's exact test", "[contingency]") {
  const auto r = ts::chi_square_homogeneity(CountTable{{3, 1}, {1, 3}});
  REQUIRE(r);
  CHECK(r->method == ts::HomogeneityMethod::kFisherExact);
  // scipy.stats.chi2_contingency([[3, 1], [1, 3]], correction=False)[:3]  ->  2, 0.157.., 1
  CHECK(r->statistic == Approx(2.0).epsilon(1e-9));
  // scipy.stats.fisher_exact([[3, 1], [1, 3]])[1]
  CHECK(r->p == Approx(0.48571428571428565).epsilon(1e-6));

  ts::HomogeneityOptions plain;
  plain.small_sample_correction = false;
  const auto a = ts::chi_square_homogeneity(CountTable{{3, 1}, {1, 3}}, plain);
  CHECK(a->method == ts::HomogeneityMethod::kPearson);
  // scipy.stats.chi2_contingency([[3, 1], [1, 3]], correction=False)[:3]
  CHECK(a->p == Approx(0.15729920705028105).epsilon(1e-6));
}

TEST_CASE("small r x c: Monte Carlo p-value near the exact conditional p", "[contingency]") {
  // Reference is exact; the Monte Carlo estimate (10,000 replicates) has SE
  // sqrt(p(1-p)/10000) <= 0.004, so the margins are ~5 SE.
  struct Case {
    CountTable t;
    double x2, p, margin;
  };
  const Case cases[] = {
      // exact conditional chi-square p (enumeration) of [[3, 1, 0, 2], [0, 4, 1, 1]]
      {{{3, 1, 0, 2}, {0, 4, 1, 1}}, 6.1333333333333329, 0.18831168831168896, 0.02},
      // exact conditional chi-square p (enumeration) of [[2, 0, 1], [0, 3, 0], [1, 0, 4]]
      {{{2, 0, 1}, {0, 3, 0}, {1, 0, 4}}, 13.395555555555553, 0.011038961038961065, 0.006},
      // exact conditional chi-square p (enumeration) of [[4, 3, 2, 1], [1, 2, 3, 4]]
      {{{4, 3, 2, 1}, {1, 2, 3, 4}}, 4.0, 0.4587455887765497, 0.025},
  };
  for (const Case& c : cases) {
    const auto r = ts::chi_square_homogeneity(c.t);
    REQUIRE(r);
    CHECK(r->method == ts::HomogeneityMethod::kMonteCarlo);
    CHECK(r->replicates == 10000);
    CHECK(r->statistic == Approx(c.x2).epsilon(1e-9));
    CHECK(r->p == Approx(c.p).margin(c.margin));
  }
}

TEST_CASE("the Monte Carlo p-value is deterministic for a seed", "[contingency]") {
  const CountTable t{{3, 1, 0, 2}, {0, 4, 1, 1}};
  const auto a = ts::chi_square_homogeneity(t);
  const auto b = ts::chi_square_homogeneity(t);
  CHECK(a->p == b->p);
  ts::HomogeneityOptions o;
  o.seed = 12345;
  o.replicates = 2000;
  const auto c = ts::chi_square_homogeneity(t, o);
  CHECK(c->replicates == 2000);
  CHECK(c->p == Approx(0.18831168831168896).margin(0.045));
  // p is never 0: (1 + count) / (B + 1).
  o.replicates = 1;
  CHECK(ts::chi_square_homogeneity(t, o)->p > 0.0);
}

TEST_CASE("pearson_statistic and invalid tables", "[contingency]") {
  CHECK(ts::pearson_statistic(CountTable{{45, 455}, {25, 475}}) ==
        Approx(6.1443932411674345).epsilon(1e-9));
  CHECK_THROWS_AS(ts::pearson_statistic(CountTable{{0, 0}, {1, 2}}), std::invalid_argument);
  CHECK_THROWS_WITH(ts::chi_square_homogeneity(CountTable{}), Catch::Contains("at least one row"));
  CHECK_THROWS_AS(ts::chi_square_homogeneity(CountTable{{1, 2}, {3}}), std::invalid_argument);
  CHECK_THROWS_WITH(ts::chi_square_homogeneity(CountTable{{1, -2}, {3, 4}}),
                    Catch::Contains("must not be negative"));
  CHECK_THROWS_AS(ts::chi_square_homogeneity(CountTable{{}}), std::invalid_argument);
  ts::HomogeneityOptions o;
  o.replicates = 0;
  CHECK_THROWS_AS(ts::chi_square_homogeneity(CountTable{{1, 2}, {3, 4}}, o), std::invalid_argument);
  CHECK(ts::homogeneity_method_name(ts::HomogeneityMethod::kMonteCarlo) == "monte-carlo");
}
