// References: tests/data/stats/reference_values.py (statsmodels 0.13.5).
#include "stats/multiplicity.h"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

namespace ts = tilfreds::stats;

namespace {
void check_bh(const std::vector<double>& p, const std::vector<double>& expected) {
  const auto adj = ts::benjamini_hochberg(p);
  REQUIRE(adj.size() == expected.size());
  for (std::size_t i = 0; i < adj.size(); ++i) CHECK(adj[i] == Approx(expected[i]).epsilon(1e-9));
}
}  // namespace

TEST_CASE("Benjamini-Hochberg matches statsmodels fdr_bh", "[multiplicity]") {
  // multipletests([0.01, 0.04, 0.03, 0.2, 0.5], method='fdr_bh')[1]
  check_bh({0.01, 0.04, 0.03, 0.2, 0.5},
           {0.049999999999999996, 0.066666666666666666, 0.066666666666666666, 0.25, 0.5});
  // multipletests([0.001, 0.001, 0.9], method='fdr_bh')[1]
  check_bh({0.001, 0.001, 0.9}, {0.0015, 0.0015, 0.90000000000000002});
  // multipletests([0.05], method='fdr_bh')[1]
  check_bh({0.05}, {0.05});
}

TEST_CASE("Benjamini-Hochberg edge cases", "[multiplicity]") {
  CHECK(ts::benjamini_hochberg(std::vector<double>{}).empty());
  check_bh({1.0, 1.0}, {1.0, 1.0});
  check_bh({0.0, 0.5}, {0.0, 0.5});
  CHECK_THROWS_AS(ts::benjamini_hochberg(std::vector<double>{0.5, 1.5}), std::invalid_argument);
  CHECK_THROWS_AS(ts::benjamini_hochberg(std::vector<double>{-0.1}), std::invalid_argument);
}
