// References: tests/data/stats/reference_values.py (statsmodels 0.13.5, scipy
// 1.10.1). Each literal is preceded by the call that produced it.
#include "stats/proportion.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

namespace ts = tilfreds::stats;
using ts::IntervalMethod;

namespace {

constexpr double kRel = 1e-6;

// Relative 1e-6, with an absolute floor for limits that are (numerically) 0 or
// 1, where the reference itself carries rounding noise (e.g. 2.1e-22).
void check_limits(const ts::Interval& r, double lower, double upper) {
  CHECK(r.lower == Approx(lower).epsilon(kRel).margin(1e-15));
  CHECK(r.upper == Approx(upper).epsilon(kRel).margin(1e-15));
  CHECK(r.lower <= r.estimate);
  CHECK(r.estimate <= r.upper);
  CHECK(r.lower >= 0.0);
  CHECK(r.upper <= 1.0);
}

void check_case(std::int64_t k, std::int64_t n, IntervalMethod m, double lower, double upper,
                double level = 0.95) {
  CAPTURE(k, n, ts::method_name(m), level);
  const auto r = ts::proportion_interval(k, n, level, m);
  REQUIRE(r.has_value());
  CHECK(r->estimate == Approx(static_cast<double>(k) / static_cast<double>(n)).epsilon(1e-15));
  check_limits(*r, lower, upper);
}

}  // namespace

TEST_CASE("Wilson matches statsmodels, including k = 0, k = n, n = 1 and huge n", "[proportion]") {
  const auto m = IntervalMethod::kWilson;
  // proportion_confint(0, 10, alpha=0.05, method='wilson')
  check_case(0, 10, m, 0, 0.27753279986288926);
  // proportion_confint(10, 10, alpha=0.05, method='wilson')
  check_case(10, 10, m, 0.72246720013711063, 1);
  // proportion_confint(1, 1, alpha=0.05, method='wilson')
  check_case(1, 1, m, 0.20654931437723739, 1);
  // proportion_confint(0, 1, alpha=0.05, method='wilson')
  check_case(0, 1, m, 0, 0.79345068562276266);
  // proportion_confint(3, 10, alpha=0.05, method='wilson')
  check_case(3, 10, m, 0.10779126740630104, 0.60322185253885463);
  // proportion_confint(25, 500, alpha=0.05, method='wilson')
  check_case(25, 500, m, 0.034093745243849435, 0.072768161171547607);
  // proportion_confint(45, 500, alpha=0.05, method='wilson')
  check_case(45, 500, m, 0.067942547889139393, 0.11830941128933345);
  // proportion_confint(424, 531, alpha=0.05, method='wilson')
  check_case(424, 531, m, 0.76228690281209843, 0.83041210129834098);
  // proportion_confint(123456, 1000000, alpha=0.05, method='wilson')
  check_case(123456, 1000000, m, 0.12281269653142285, 0.12410219641400438);
  // proportion_confint(0, 2000000, alpha=0.05, method='wilson') ->  2.1e-22, 1.9207257211526816e-06
  check_case(0, 2000000, m, 0, 1.9207257211526816e-06);
  // proportion_confint(2000000, 2000000, alpha=0.05, method='wilson')
  check_case(2000000, 2000000, m, 0.99999807927427875, 1);
  // proportion_confint(1, 3000000, alpha=0.05, method='wilson')
  check_case(1, 3000000, m, 5.8841520735074803e-08, 1.8883089261968811e-06);
  // proportion_confint(3, 10, alpha=0.1, method='wilson')
  check_case(3, 10, m, 0.12687658390319784, 0.55830020413016501, 0.90);
  // proportion_confint(3, 10, alpha=0.01, method='wilson')
  check_case(3, 10, m, 0.079566316523065783, 0.67997532079889744, 0.99);
}

TEST_CASE("Wilson's limits are exactly 0 and 1 at the edges", "[proportion]") {
  const auto low = ts::proportion_interval(0, 2000000);
  REQUIRE(low);
  CHECK(low->lower == 0.0);
  const auto high = ts::proportion_interval(2000000, 2000000);
  REQUIRE(high);
  CHECK(high->upper == 1.0);
  CHECK(high->estimate == 1.0);
}

TEST_CASE("Clopper-Pearson matches statsmodels method='beta'", "[proportion]") {
  const auto m = IntervalMethod::kClopperPearson;
  // proportion_confint(0, 10, alpha=0.05, method='beta')
  check_case(0, 10, m, 0, 0.30849710781876083);
  // proportion_confint(10, 10, alpha=0.05, method='beta')
  check_case(10, 10, m, 0.69150289218123917, 1);
  // proportion_confint(1, 1, alpha=0.05, method='beta')
  check_case(1, 1, m, 0.025000000000000001, 1);
  // proportion_confint(0, 1, alpha=0.05, method='beta')
  check_case(0, 1, m, 0, 0.97499999999999998);
  // proportion_confint(3, 10, alpha=0.05, method='beta')
  check_case(3, 10, m, 0.066739511177734467, 0.65245285005999731);
  // proportion_confint(25, 500, alpha=0.05, method='beta')
  check_case(25, 500, m, 0.032615180149330063, 0.07292762165047896);
  // proportion_confint(424, 531, alpha=0.05, method='beta')
  check_case(424, 531, m, 0.76181277212909704, 0.83181203420519034);
  // proportion_confint(123456, 1000000, alpha=0.05, method='beta')
  check_case(123456, 1000000, m, 0.12281184162962971, 0.12410234027680267);
  // proportion_confint(0, 2000000, alpha=0.05, method='beta')
  check_case(0, 2000000, m, 0, 1.8444380260790605e-06);
  // proportion_confint(2000000, 2000000, alpha=0.05, method='beta')
  check_case(2000000, 2000000, m, 0.99999815556197391, 1);
  // proportion_confint(1, 3000000, alpha=0.05, method='beta')
  check_case(1, 3000000, m, 8.4392692924859924e-09, 1.8572130485446624e-06);
  // proportion_confint(3, 10, alpha=0.1, method='beta')
  check_case(3, 10, m, 0.087264433914150327, 0.60662421610541228, 0.90);
  // proportion_confint(3, 10, alpha=0.01, method='beta')
  check_case(3, 10, m, 0.037007221096232092, 0.73511398528713068, 0.99);
}

TEST_CASE("Jeffreys matches scipy beta quantiles, with the Brown-Cai-DasGupta edge rule",
          "[proportion]") {
  const auto m = IntervalMethod::kJeffreys;
  // scipy.stats.beta.ppf([0.025, 0.975], 0.5, 10.5): upper 0.21719626750921053; lower set to 0
  check_case(0, 10, m, 0, 0.21719626750921053);
  // scipy.stats.beta.ppf([0.025, 0.975], 10.5, 0.5): lower 0.78280373249078938; upper set to 1
  check_case(10, 10, m, 0.78280373249078938, 1);
  // scipy.stats.beta.ppf([0.025, 0.975], 1.5, 0.5)
  check_case(1, 1, m, 0.1467463163095751, 1);
  // scipy.stats.beta.ppf([0.025, 0.975], 0.5, 1.5)
  check_case(0, 1, m, 0, 0.85325368369042476);
  // scipy.stats.beta.ppf([0.025, 0.975], 3.5, 7.5)
  check_case(3, 10, m, 0.092694593938153158, 0.60581831814867126);
  // scipy.stats.beta.ppf([0.025, 0.975], 45.5, 455.5)
  check_case(45, 500, m, 0.067273195436545002, 0.11745450792819662);
  // scipy.stats.beta.ppf([0.025, 0.975], 123456.5, 876544.5)
  check_case(123456, 1000000, m, 0.12281234050644604, 0.12410183915651879);
  // scipy.stats.beta.ppf([0.025, 0.975], 0.5, 2000000.5)
  check_case(0, 2000000, m, 0, 1.2559706011005357e-06);
  // scipy.stats.beta.ppf([0.025, 0.975], 1.5, 2999999.5)
  check_case(1, 3000000, m, 3.5965882787701123e-08, 1.5580661834686233e-06);
  // proportion_confint(3, 10, alpha=0.1, method='jeffreys')
  check_case(3, 10, m, 0.11732937668021012, 0.558126766484634, 0.90);
  // proportion_confint(3, 10, alpha=0.01, method='jeffreys')
  check_case(3, 10, m, 0.055328749731032495, 0.69344482721393996, 0.99);
}

TEST_CASE("Agresti-Coull matches statsmodels, clipped to the unit interval", "[proportion]") {
  const auto m = IntervalMethod::kAgrestiCoull;
  // proportion_confint(0, 10, alpha=0.05, method='agresti_coull')
  check_case(0, 10, m, 0, 0.3208873057505458);
  // proportion_confint(10, 10, alpha=0.05, method='agresti_coull')
  check_case(10, 10, m, 0.67911269424945431, 1);
  // proportion_confint(1, 1, alpha=0.05, method='agresti_coull')
  check_case(1, 1, m, 0.16749948547941301, 1);
  // proportion_confint(3, 10, alpha=0.05, method='agresti_coull')
  check_case(3, 10, m, 0.10333841792242526, 0.60767470202273044);
  // proportion_confint(424, 531, alpha=0.05, method='agresti_coull')
  check_case(424, 531, m, 0.76221998418720271, 0.83047901992323669);
  // proportion_confint(123456, 1000000, alpha=0.05, method='agresti_coull')
  check_case(123456, 1000000, m, 0.12281269490887702, 0.12410219803655019);
  // proportion_confint(0, 2000000, alpha=0.05, method='agresti_coull')
  check_case(0, 2000000, m, 0, 2.3185203906403285e-06);
  // proportion_confint(1, 3000000, alpha=0.05, method='agresti_coull')
  check_case(1, 3000000, m, 0, 2.0901086532876584e-06);
  // proportion_confint(3, 10, alpha=0.1, method='agresti_coull')
  check_case(3, 10, m, 0.12359266736338517, 0.56158412066997776, 0.90);
  // proportion_confint(3, 10, alpha=0.01, method='agresti_coull')
  check_case(3, 10, m, 0.073261332586655958, 0.68628030473530721, 0.99);
}

TEST_CASE("n = 0 is not computable, not NaN", "[proportion]") {
  for (auto m : {IntervalMethod::kWilson, IntervalMethod::kClopperPearson,
                 IntervalMethod::kJeffreys, IntervalMethod::kAgrestiCoull}) {
    CHECK_FALSE(ts::proportion_interval(0, 0, 0.95, m).has_value());
  }
  CHECK_FALSE(ts::share_interval(0, 0).has_value());
  ts::ShareOptions with_population;
  with_population.population = 100;
  CHECK_FALSE(ts::share_interval(0, 0, with_population).has_value());
}

TEST_CASE("invalid input throws std::invalid_argument with a clear message", "[proportion]") {
  CHECK_THROWS_AS(ts::proportion_interval(-1, 10), std::invalid_argument);
  CHECK_THROWS_AS(ts::proportion_interval(1, -10), std::invalid_argument);
  CHECK_THROWS_WITH(ts::proportion_interval(11, 10), Catch::Contains("k must not exceed n"));
  CHECK_THROWS_WITH(ts::proportion_interval(1, 10, 1.0), Catch::Contains("level"));
  CHECK_THROWS_AS(ts::proportion_interval(1, 10, 0.0), std::invalid_argument);
  CHECK_THROWS_AS(ts::proportion_interval(1, 10, -0.5), std::invalid_argument);
  CHECK_THROWS_AS(ts::proportion_interval(1, 10, std::nan("")), std::invalid_argument);
  ts::ShareOptions o;
  o.population = 9;
  CHECK_THROWS_WITH(ts::share_interval(1, 10, o), Catch::Contains("population"));
  o.population = 0;
  CHECK_THROWS_AS(ts::share_interval(0, 0, o), std::invalid_argument);
  CHECK_THROWS_AS(ts::proportion_interval_effective(1.0, 0.0, 0.95, IntervalMethod::kWilson),
                  std::invalid_argument);
}

TEST_CASE("finite population correction: effective n (Korn & Graubard 1998)", "[proportion][fpc]") {
  // sqrt((2415-531)/(2415-1))
  CHECK(ts::fpc_factor(531, 2415) == Approx(0.88342933516138977).epsilon(kRel));
  CHECK(ts::fpc_factor(2415, 2415) == 0.0);

  ts::ShareOptions o;
  o.population = 2415;
  o.method = IntervalMethod::kWilson;
  auto r = ts::share_interval(424, 531, o);
  REQUIRE(r);
  CHECK(r->fpc_applied);
  CHECK(r->effective_n == Approx(531.0 * 2414.0 / 1884.0).epsilon(1e-12));
  // proportion_confint(424/531*neff, neff, alpha=0.05, method='wilson') with
  // neff=531*(2415-1)/(2415-531)
  check_limits(r->interval, 0.76671493174556171, 0.82692018758621466);
  CHECK(r->interval.estimate == Approx(424.0 / 531.0).epsilon(1e-15));

  o.method = IntervalMethod::kClopperPearson;
  r = ts::share_interval(424, 531, o);
  // proportion_confint(424/531*neff, neff, alpha=0.05, method='beta') with
  // neff=531*(2415-1)/(2415-531)
  check_limits(r->interval, 0.76635117802293951, 0.82802065534207314);

  o.method = IntervalMethod::kAgrestiCoull;
  r = ts::share_interval(424, 531, o);
  // proportion_confint(424/531*neff, neff, alpha=0.05, method='agresti_coull') with neff=...
  check_limits(r->interval, 0.76666858107931146, 0.82696653825246469);

  o.method = IntervalMethod::kWilson;
  r = ts::share_interval(0, 531, o);
  // proportion_confint(0/531*neff, neff, alpha=0.05, method='wilson') with
  // neff=531*(2415-1)/(2415-531)
  check_limits(r->interval, 0, 0.0056143584694849785);

  o.population = 12;
  r = ts::share_interval(3, 10, o);
  // proportion_confint(3/10*neff, neff, alpha=0.05, method='wilson') with neff=10*(12-1)/(12-10)
  check_limits(r->interval, 0.19524223595453194, 0.4308717244923026);
}

TEST_CASE("FPC narrows the interval and a census collapses it", "[proportion][fpc]") {
  const auto plain = ts::share_interval(424, 531);
  REQUIRE(plain);
  CHECK_FALSE(plain->fpc_applied);
  CHECK(plain->effective_n == 531.0);
  ts::ShareOptions o;
  o.population = 2415;
  const auto fpc = ts::share_interval(424, 531, o);
  CHECK(fpc->interval.upper - fpc->interval.lower < plain->interval.upper - plain->interval.lower);
  o.population = 531;
  const auto census = ts::share_interval(424, 531, o);
  REQUIRE(census);
  CHECK(census->interval.lower == census->interval.estimate);
  CHECK(census->interval.upper == census->interval.estimate);
  CHECK(std::isinf(census->effective_n));
  o.population = 1;
  const auto one = ts::share_interval(1, 1, o);
  REQUIRE(one);
  CHECK(one->interval.lower == 1.0);
}

TEST_CASE("method names round-trip", "[proportion]") {
  for (auto m : {IntervalMethod::kWilson, IntervalMethod::kClopperPearson,
                 IntervalMethod::kJeffreys, IntervalMethod::kAgrestiCoull}) {
    CHECK(ts::parse_method(ts::method_name(m)) == m);
  }
  CHECK(ts::method_name(IntervalMethod::kClopperPearson) == "clopper-pearson");
  CHECK_FALSE(ts::parse_method("wald").has_value());
}
