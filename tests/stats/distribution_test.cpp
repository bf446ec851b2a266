// References: tests/data/stats/reference_values.py.
#include "stats/distribution.h"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

namespace ts = tilfreds::stats;

namespace {
using Counts = std::vector<std::int64_t>;

void check_goodman(const Counts& counts, const std::vector<double>& flat) {
  CAPTURE(counts);
  const auto r = ts::goodman_intervals(counts);
  REQUIRE(r);
  REQUIRE(r->size() * 2 == flat.size());
  for (std::size_t i = 0; i < r->size(); ++i) {
    CHECK((*r)[i].lower == Approx(flat[2 * i]).epsilon(1e-6).margin(1e-15));
    CHECK((*r)[i].upper == Approx(flat[2 * i + 1]).epsilon(1e-6).margin(1e-15));
  }
}
}  // namespace

TEST_CASE("shares, n, top-2 and bottom share of an answer distribution", "[distribution]") {
  const Counts c{276, 149, 64, 42};
  const auto d = ts::distribution(c);
  REQUIRE(d);
  CHECK(d->n == 531);
  CHECK(d->shares[0] == Approx(276.0 / 531.0).epsilon(1e-15));
  CHECK(d->shares[3] == Approx(42.0 / 531.0).epsilon(1e-15));
  CHECK(ts::top_count(c) == 425);
  CHECK(ts::top_count(c, 1) == 276);
  const auto top = ts::top_share(c);
  REQUIRE(top);
  CHECK(top->estimate == Approx(425.0 / 531.0).epsilon(1e-15));
  const auto bottom = ts::bottom_share(c);
  REQUIRE(bottom);
  CHECK(bottom->estimate == Approx(42.0 / 531.0).epsilon(1e-15));
}

TEST_CASE("top-2 share interval is the Wilson interval of the top-2 count", "[distribution]") {
  // 424 in the top two of 531: proportion_confint(424, 531, alpha=0.05, method='wilson')
  const Counts c{260, 164, 70, 37};
  const auto top = ts::top_share(c);
  REQUIRE(top);
  CHECK(top->lower == Approx(0.76228690281209843).epsilon(1e-6));
  CHECK(top->upper == Approx(0.83041210129834098).epsilon(1e-6));
}

TEST_CASE("100 % in one category and a zero category", "[distribution]") {
  const Counts all{50, 0, 0, 0};
  const auto d = ts::distribution(all);
  REQUIRE(d);
  CHECK(d->shares == std::vector<double>{1.0, 0.0, 0.0, 0.0});
  const auto top = ts::top_share(all);
  CHECK(top->estimate == 1.0);
  CHECK(top->upper == 1.0);
  const auto bottom = ts::bottom_share(all);
  CHECK(bottom->estimate == 0.0);
  CHECK(bottom->lower == 0.0);
}

TEST_CASE("n = 0 is not computable", "[distribution]") {
  const Counts none{0, 0, 0, 0};
  CHECK_FALSE(ts::distribution(none).has_value());
  CHECK_FALSE(ts::top_share(none).has_value());
  CHECK_FALSE(ts::bottom_share(none).has_value());
  CHECK_FALSE(ts::percents_half_up(none).has_value());
  CHECK_FALSE(ts::goodman_intervals(none).has_value());
  CHECK_FALSE(ts::percent_half_up(0, 0).has_value());
}

TEST_CASE("invalid distributions throw", "[distribution]") {
  CHECK_THROWS_WITH(ts::distribution(Counts{}), Catch::Contains("must not be empty"));
  CHECK_THROWS_WITH(ts::distribution(Counts{3, -1}), Catch::Contains("must not be negative"));
  CHECK_THROWS_AS(ts::top_count(Counts{1, 2}, 3), std::invalid_argument);
  CHECK_THROWS_AS(ts::top_count(Counts{1, 2}, 0), std::invalid_argument);
  CHECK_THROWS_AS(ts::goodman_intervals(Counts{5}), std::invalid_argument);
  CHECK_THROWS_AS(ts::goodman_intervals(Counts{5, 5}, 1.5), std::invalid_argument);
  CHECK_THROWS_AS(ts::percent_half_up(3, 2), std::invalid_argument);
  CHECK_THROWS_AS(ts::percent_half_up(1, 2, 2), std::invalid_argument);
  CHECK_THROWS_AS(ts::round_percent_half_up(1.5), std::invalid_argument);
}

TEST_CASE("percents round half up, exactly, to whole or one decimal", "[distribution][rounding]") {
  // Decimal(Fraction(100k, n)).quantize(Decimal('1'|'0.1'), rounding=ROUND_HALF_UP)
  struct Case {
    std::int64_t k, n;
    double whole, one;
  };
  const Case cases[] = {
      {1, 8, 13, 12.5},   {29, 200, 15, 14.5},   {1, 3, 33, 33.3}, {2, 3, 67, 66.7},
      {1, 16, 6, 6.3},    {5, 1000, 1, 0.5},     {1, 200, 1, 0.5}, {0, 7, 0, 0.0},
      {7, 7, 100, 100.0}, {531, 2415, 22, 22.0},
  };
  for (const Case& c : cases) {
    CAPTURE(c.k, c.n);
    CHECK(ts::percent_half_up(c.k, c.n, 0) == c.whole);
    CHECK(ts::percent_half_up(c.k, c.n, 1) == Approx(c.one).epsilon(1e-12));
  }
}

TEST_CASE("a row is not forced to sum to 100", "[distribution][rounding]") {
  // 2022 row of the committee table: 49 + 27 + 15 + 8 = 99 (DOMAIN.md).
  const Counts row{245, 135, 75, 40};
  const auto p = ts::percents_half_up(row);
  REQUIRE(p);
  CHECK(*p == std::vector<double>{49, 27, 15, 8});
}

TEST_CASE("rounding a share given as a double treats float-noise halves as halves",
          "[distribution][rounding]") {
  CHECK(ts::round_percent_half_up(0.145, 0) == 15);  // 14.499999999999998 in binary
  CHECK(ts::round_percent_half_up(0.145, 1) == Approx(14.5));
  CHECK(ts::round_percent_half_up(0.125, 0) == 13);
  CHECK(ts::round_percent_half_up(0.1249, 0) == 12);
  CHECK(ts::round_percent_half_up(0.0, 0) == 0);
  CHECK(ts::round_percent_half_up(1.0, 1) == 100.0);
}

TEST_CASE("Goodman simultaneous intervals match statsmodels", "[distribution][goodman]") {
  // multinomial_proportions_confint([276, 149, 64, 42], alpha=0.05, method='goodman')
  check_goodman({276, 149, 64, 42}, {0.46570604516379249, 0.5733827370516722, 0.23466744998210606,
                                     0.33163320448440425, 0.089573986395212968, 0.1602936691842019,
                                     0.054492634055060926, 0.11347471593004686});
  // multinomial_proportions_confint([0, 5, 10, 20], alpha=0.05, method='goodman')
  check_goodman({0, 5, 10, 20}, {0, 0.15127920995243893, 0.050451006755875639, 0.34331985749586641,
                                 0.13945790276026346, 0.49680461579078172, 0.36784134799885332,
                                 0.75340447915079822});
  // multinomial_proportions_confint([50, 0, 0, 0], alpha=0.05, method='goodman')
  check_goodman({50, 0, 0, 0}, {0.88907013849050576, 0.99999999999999989, 0, 0.11092986150949417, 0,
                                0.11092986150949417, 0, 0.11092986150949417});
  // multinomial_proportions_confint([1, 1], alpha=0.05, method='goodman')
  check_goodman({1, 1}, {0.077135558009884531, 0.92286444199011552, 0.077135558009884531,
                         0.92286444199011552});
}

TEST_CASE("Goodman intervals are wider than the pointwise Wilson intervals",
          "[distribution][goodman]") {
  const Counts c{276, 149, 64, 42};
  const auto g = ts::goodman_intervals(c);
  for (std::size_t i = 0; i < c.size(); ++i) {
    const auto w = ts::proportion_interval(c[i], 531);
    CHECK((*g)[i].upper - (*g)[i].lower > w->upper - w->lower);
  }
}
