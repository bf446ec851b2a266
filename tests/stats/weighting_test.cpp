// References: tests/data/stats/reference_values.py (Cochran 1977 eq. 5A.42
// evaluated with numpy; z from scipy.stats.norm.isf(0.025)).
#include "stats/weighting.h"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

namespace ts = tilfreds::stats;

TEST_CASE("post-stratified share and its standard error", "[weighting]") {
  const std::vector<ts::Stratum> strata{
      {870, 190, 160}, {560, 120, 88}, {400, 60, 40}, {585, 161, 120}};
  const auto r = ts::post_stratified_share(strata);
  REQUIRE(r);
  // post-stratified share of [(870, 190, 160), (560, 120, 88), (400, 60, 40), (585, 161, 120)]
  CHECK(r->estimate == Approx(0.76438499254708026).epsilon(1e-9));
  REQUIRE(r->se);
  CHECK(*r->se == Approx(0.016705411506009304).epsilon(1e-9));
  REQUIRE(r->interval);
  CHECK(r->interval->lower == Approx(0.73164298764838098).epsilon(1e-9));
  CHECK(r->interval->upper == Approx(0.79712699744577953).epsilon(1e-9));
  // unweighted
  CHECK(r->unweighted == Approx(0.76836158192090398).epsilon(1e-12));
  CHECK(r->n == 531);
}

TEST_CASE("weighting edge cases", "[weighting]") {
  // Equal response in every group: weighting changes nothing.
  const std::vector<ts::Stratum> even{{100, 20, 10}, {300, 60, 30}};
  CHECK(ts::post_stratified_share(even)->estimate == Approx(0.5));
  // A group with population but no respondents: not computable.
  const std::vector<ts::Stratum> hole{{100, 20, 10}, {50, 0, 0}};
  CHECK_FALSE(ts::post_stratified_share(hole).has_value());
  // A group with no population is ignored.
  const std::vector<ts::Stratum> empty_group{{100, 20, 10}, {0, 0, 0}};
  CHECK(ts::post_stratified_share(empty_group)->estimate == Approx(0.5));
  // A census in every group: no sampling error.
  const std::vector<ts::Stratum> census{{10, 10, 3}, {20, 20, 5}};
  const auto c = ts::post_stratified_share(census);
  CHECK(*c->se == 0.0);
  CHECK(c->estimate == Approx(8.0 / 30.0));
  // One respondent in a larger group: the estimate exists, its SE does not.
  const std::vector<ts::Stratum> single{{100, 20, 10}, {50, 1, 1}};
  const auto s = ts::post_stratified_share(single);
  REQUIRE(s);
  CHECK_FALSE(s->se.has_value());
  CHECK_FALSE(s->interval.has_value());
  const std::vector<ts::Stratum> nobody{{0, 0, 0}};
  CHECK_FALSE(ts::post_stratified_share(nobody).has_value());
}

TEST_CASE("invalid strata throw", "[weighting]") {
  CHECK_THROWS_AS(ts::post_stratified_share(std::vector<ts::Stratum>{}), std::invalid_argument);
  CHECK_THROWS_AS(ts::post_stratified_share(std::vector<ts::Stratum>{{10, 20, 1}}),
                  std::invalid_argument);
  CHECK_THROWS_AS(ts::post_stratified_share(std::vector<ts::Stratum>{{10, 5, 6}}),
                  std::invalid_argument);
  CHECK_THROWS_AS(ts::post_stratified_share(std::vector<ts::Stratum>{{10, 5, -1}}),
                  std::invalid_argument);
  CHECK_THROWS_AS(ts::post_stratified_share(std::vector<ts::Stratum>{{10, 5, 1}}, 2.0),
                  std::invalid_argument);
}
